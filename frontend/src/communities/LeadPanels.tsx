import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { Explanation } from '../components/Explanation';
import { FocusedStatus } from '../components/FocusedStatus';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { personPath, skillPath } from '../lib/paths';
import { formatMonth } from '../lib/time';
import { ActivityChart } from './ActivityChart';
import { InviteByName } from './InviteByName';
import { CommunityLeadQuery, DecideJoinRequest, InviteMember, type LeadView } from './queries';

/** What only a community's leads see: requests, suggested members, health. */
export function LeadPanels({
  id,
  hasSkills = true,
  memberIds = [],
  onChange,
}: {
  id: string;
  hasSkills?: boolean;
  /** Members, who are neither suggested nor invited. */
  memberIds?: readonly string[];
  onChange: () => void;
}) {
  const { data, error, loading, retry } = useQuery(CommunityLeadQuery, { id });
  const c = data?.community;
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !c) return <Loading what="requests and health" />;
  if (!c || c.health == null) return null;
  const refresh = () => {
    retry();
    onChange();
  };
  return (
    <>
      <Requests requests={c.pendingRequests ?? []} onChange={refresh} />
      <Health health={c.health} hasSkills={hasSkills} />
      <Suggested
        community={id}
        suggested={c.suggestedMembers ?? []}
        invited={c.pendingInvitations ?? []}
        memberIds={memberIds}
        onInvited={retry}
      />
    </>
  );
}

function Requests({
  requests,
  onChange,
}: {
  requests: NonNullable<LeadView['pendingRequests']>;
  onChange: () => void;
}) {
  const action = useAction();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const decide = async (id: string, approve: boolean) => {
    if (await action.run(() => request(DecideJoinRequest, { id, approve, reason: reasons[id]?.trim() || null })))
      onChange();
  };
  return (
    <section className="panel" aria-labelledby="requests-heading">
      <h2 id="requests-heading">Requests to join ({requests.length})</h2>
      {requests.length === 0 ? (
        <Empty>No requests waiting.</Empty>
      ) : (
        <ul className="plain-list" aria-label="Requests to join">
          {requests.map((r) => (
            <li key={r.id} className="request">
              <p>
                {r.person ? <Link to={personPath(r.person.id)}>{r.person.name}</Link> : 'Someone'}
                {r.person?.title && <span className="muted"> · {r.person.title}</span>}
                {r.message && <span className="block">“{r.message}”</span>}
              </p>
              <div className="field">
                <label htmlFor={`reason-${r.id}`}>Reason (needed to decline)</label>
                <input
                  id={`reason-${r.id}`}
                  value={reasons[r.id] ?? ''}
                  maxLength={1000}
                  onChange={(e) => setReasons({ ...reasons, [r.id]: e.target.value })}
                />
              </div>
              <button
                type="button"
                className="button button--primary"
                disabled={action.busy}
                onClick={() => decide(r.id, true)}
              >
                Approve {r.person?.name}
              </button>{' '}
              <button
                type="button"
                className="button"
                aria-label={`Decline ${r.person?.name ?? 'this request'}`}
                disabled={action.busy}
                onClick={() => decide(r.id, false)}
              >
                Decline
              </button>
            </li>
          ))}
        </ul>
      )}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}

/** A labelled horizontal bar chart of counts. */
function Bars({ title, rows }: { title: string; rows: ReadonlyArray<{ label: string; count: number }> }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <figure className="bars">
      <figcaption>{title}</figcaption>
      <ul className="plain-list" aria-label={title}>
        {rows.map((r) => (
          <li key={r.label} className="bars__row">
            <span className="bars__label">{r.label}</span>
            <span className="bars__bar" role="img" aria-label={`${r.label}: ${r.count}`}>
              <span className="bars__fill" style={{ width: `${(100 * r.count) / max}%` }} />
            </span>
            <span className="bars__count" aria-hidden="true">
              {r.count}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

function Health({ health: h, hasSkills }: { health: NonNullable<LeadView['health']>; hasSkills: boolean }) {
  return (
    <section className="panel" aria-labelledby="health-heading">
      <h2 id="health-heading">Health</h2>
      <p>
        {h.activeMemberCount} of {h.memberCount} members active · {h.pendingRequests} waiting to join
      </p>
      <ActivityChart months={h.activityByMonth} />
      <div className="columns">
        <Bars title="Members by office" rows={h.membersByOffice} />
        <Bars title="Joined by month" rows={h.joinsByMonth.map((m) => ({ ...m, label: formatMonth(m.label) }))} />
      </div>
      <h3>Skills no active member holds</h3>
      {!hasSkills ? (
        <p className="muted">
          This community has no skills yet, so there is nothing to cover: add the skills it is about.
        </p>
      ) : h.uncoveredSkills.length === 0 ? (
        <p className="muted">Every skill of the community is held by an active member.</p>
      ) : (
        <ul className="plain-list inline-list" aria-label="Uncovered skills">
          {h.uncoveredSkills.map((s) => (
            <li key={s.id}>
              <Link to={skillPath(s.id)}>{s.name}</Link>
            </li>
          ))}
        </ul>
      )}
      {h.leavingMembers.length > 0 && (
        <>
          <h3>Members leaving</h3>
          <ul className="plain-list" aria-label="Members leaving">
            {h.leavingMembers.map((m) => (
              <li key={m.person.id}>
                <Link to={personPath(m.person.id)}>{m.person.name}</Link>
                {m.uncoveredTopics.length > 0 ? (
                  <span className="muted">
                    {' '}
                    — takes {m.uncoveredTopics.map((t) => t.name).join(', ')} with them (nobody else active holds it,
                    and no one was named to inherit it)
                  </span>
                ) : (
                  <span className="muted">
                    {' '}
                    — nothing they hold is left uncovered (someone else active holds it, or it was harvested or handed
                    on)
                  </span>
                )}
                {m.inherited.length > 0 && (
                  <span className="block small">
                    Inherited:{' '}
                    {m.inherited.map((x, i) => (
                      <span key={`${x.skill.id}-${x.person.id}`}>
                        {i > 0 && '; '}
                        {x.skill.name} by <Link to={personPath(x.person.id)}>{x.person.name}</Link>
                      </span>
                    ))}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Suggested({
  community,
  suggested,
  invited,
  memberIds,
  onInvited,
}: {
  community: string;
  suggested: NonNullable<LeadView['suggestedMembers']>;
  invited: NonNullable<LeadView['pendingInvitations']>;
  memberIds: readonly string[];
  onInvited: () => void;
}) {
  const action = useAction();
  // What happened to each invitation sent from here, by person.
  const [sent, setSent] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string>();
  const waiting = new Set(invited.map((i) => i.person?.id).filter(Boolean));
  const invite = async (person: string, name: string) => {
    setFailed(person);
    const done = await action.run(() => request(InviteMember, { community, person, message: null }));
    if (done) {
      setFailed(undefined);
      setSent({
        ...sent,
        [person]: done.addMember.membership
          ? `${name} had asked to join and is now a member.`
          : `${name} is invited: they join when they accept.`,
      });
    }
  };
  return (
    <section className="panel" aria-labelledby="suggested-heading">
      <h2 id="suggested-heading">People who might join</h2>
      <p className="muted small">
        Nobody joins without agreeing: an invitation waits until they accept it. People who are leaving are not
        suggested.
      </p>
      {suggested.length === 0 ? (
        <Empty>Nobody else stands out for this community's skills.</Empty>
      ) : (
        <ul className="plain-list" aria-label="Suggested members">
          {suggested.map((s) => (
            <li key={s.person.id}>
              <Link to={personPath(s.person.id)}>{s.person.name}</Link>
              {s.person.title && <span className="muted"> · {s.person.title}</span>}{' '}
              {sent[s.person.id] ? (
                <FocusedStatus>{sent[s.person.id]}</FocusedStatus>
              ) : waiting.has(s.person.id) ? (
                <span className="muted block">Invited, waiting for their answer.</span>
              ) : (
                <button
                  type="button"
                  className="button button--small"
                  disabled={action.busy}
                  onClick={() => invite(s.person.id, s.person.name)}
                >
                  Invite {s.person.name}
                </button>
              )}
              {action.error && failed === s.person.id && <ErrorMessage error={action.error} />}
              <Explanation text={s.explanation} paths={s.paths} />
            </li>
          ))}
        </ul>
      )}
      <InviteByName
        community={community}
        exclude={[...memberIds, ...waiting].filter((x): x is string => Boolean(x))}
        onInvited={onInvited}
      />
      {invited.length > 0 && (
        <>
          <h3>Invitations waiting for an answer ({invited.length})</h3>
          <ul className="plain-list inline-list" aria-label="Invitations waiting">
            {invited.map((i) => (
              <li key={i.id}>{i.person ? <Link to={personPath(i.person.id)}>{i.person.name}</Link> : 'Someone'}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
