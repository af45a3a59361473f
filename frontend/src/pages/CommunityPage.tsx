import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMe } from '../auth/context';
import { EditCommunity } from '../communities/EditCommunity';
import { LeadPanels } from '../communities/LeadPanels';
import { Lifecycle } from '../communities/Lifecycle';
import { MemberList } from '../communities/MemberList';
import { MembershipActions } from '../communities/Membership';
import { useQuery } from '../api/useQuery';
import { Chips } from '../components/Chips';
import { ErrorMessage, Loading, NotFound } from '../components/Status';
import { graphql, type ResultOf } from '../graphql';
import { usePageTitle } from '../lib/hooks';
import { label } from '../lib/labels';
import { skillPath } from '../lib/paths';
import { plural } from '../lib/text';

export const CommunityQuery = graphql(`
  query Community($id: ID!) {
    community(id: $id) {
      id
      name
      description
      visibility
      status
      myRequest {
        id
      }
      myDeclinedRequest {
        reason
        decidedAt
      }
      pendingRequestCount
      skills {
        id
        name
      }
      members {
        role
        community {
          id
        }
        person {
          id
          name
          office {
            name
          }
        }
      }
    }
  }
`);

type Community = NonNullable<ResultOf<typeof CommunityQuery>['community']>;
const ROLE_ORDER = ['LEAD', 'EXPERT', 'MEMBER'];

export function CommunityPage() {
  const { id = '' } = useParams();
  const { data, error, loading, retry } = useQuery(CommunityQuery, { id });
  const community = data?.community;
  usePageTitle(community?.name ?? 'Community');

  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !community) return <Loading what="community" />;
  if (!community) {
    return (
      <NotFound
        title="Community not found"
        text="We could not find this community. It may have been archived or merged."
        back="/communities"
        backLabel="Back to communities"
      />
    );
  }
  return <CommunityDetail community={community} onChange={retry} />;
}

function CommunityDetail({ community, onChange }: { community: Community; onChange: () => void }) {
  const me = useMe();
  const [done, setDone] = useState('');
  const rank = (role: string) => {
    const i = ROLE_ORDER.indexOf(role.toUpperCase());
    return i < 0 ? ROLE_ORDER.length : i;
  };
  const members = community.members
    .flatMap((m) => (m.person ? [{ role: m.role, person: m.person }] : []))
    .sort((a, b) => rank(a.role) - rank(b.role) || a.person.name.localeCompare(b.person.name));
  const mine = members.find((m) => m.person.id === me.person?.id);
  const leads = members.filter((m) => m.role.toUpperCase() === 'LEAD').length;
  // Leads and admins see the lead panels (the server gives them the count of waiting requests).
  const curates = community.pendingRequestCount != null;
  return (
    <article>
      <p className="breadcrumb">
        <Link to="/communities">Communities</Link>
      </p>
      <h1>
        {community.name}
        {community.visibility === 'CLOSED' && <span className="badge badge--interview"> Closed</span>}
        {community.status !== 'ACTIVE' && <span className="badge badge--left"> {label(community.status)}</span>}
      </h1>
      {community.description && <p className="lead">{community.description}</p>}
      <Chips items={community.skills} to={skillPath} label="Skills of this community" />
      {community.status === 'PROPOSED' && (
        <p className="status status--empty">
          Waiting for approval: an admin approves a new community before it is listed and people can join.
          {curates ? ' Meanwhile you can edit it here.' : ''}
        </p>
      )}
      {community.status === 'ARCHIVED' && (
        <p className="status status--empty">
          Archived: it is out of search and the list of communities until a lead brings it back.
        </p>
      )}
      {me.person && community.status === 'ACTIVE' && (
        <MembershipActions
          id={community.id}
          name={community.name}
          visibility={community.visibility}
          member={mine != null}
          onlyLead={mine?.role.toUpperCase() === 'LEAD' && leads === 1}
          others={members.filter((m) => m.person.id !== me.person?.id).map((m) => m.person)}
          pending={community.myRequest != null}
          declined={community.myDeclinedRequest}
          onChange={onChange}
        />
      )}

      <section aria-labelledby="members-heading" className="panel">
        <h2 id="members-heading">Members ({plural(members.length, 'person', 'people')})</h2>
        <MemberList
          community={community.id}
          members={members}
          curates={curates}
          onChange={(text) => {
            setDone(text);
            onChange();
          }}
        />
        {done && <p role="status">{done}</p>}
      </section>
      {curates && <EditCommunity community={community} onSaved={onChange} />}
      {curates && (
        <LeadPanels
          id={community.id}
          hasSkills={community.skills.length > 0}
          memberIds={members.map((m) => m.person.id)}
          onChange={onChange}
        />
      )}
      {curates && community.status !== 'PROPOSED' && (
        <Lifecycle
          community={{
            id: community.id,
            name: community.name,
            status: community.status,
            memberCount: members.length,
            skillCount: community.skills.length,
          }}
          onChange={onChange}
        />
      )}
    </article>
  );
}
