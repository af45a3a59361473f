import { useState } from 'react';
import { ApiError, request } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorMessage } from '../components/Status';
import { plural } from '../lib/text';
import { EndorseSkill, WithdrawEndorsement } from './queries';

interface Endorsement {
  endorser?: { id: string } | null;
}

export const ALREADY_ENDORSED = 'You have already endorsed this skill; each colleague counts once.';

/** A plain-words version of what can go wrong when endorsing. */
function endorseError(e: ApiError): ApiError {
  if (e.code === 'CONFLICT') return new ApiError(ALREADY_ENDORSED, e.code);
  if (e.code === 'NOT_FOUND')
    return new ApiError(
      'This skill or endorsement is no longer on their profile. Reload the page to see the latest.',
      e.code,
    );
  return e;
}

/** How many colleagues vouch for a skill, and a button to vouch too, or to take it back (never on your own profile). */
export function Endorse({
  personId,
  skill,
  endorsements,
  me,
}: {
  personId: string;
  skill: { id: string; name: string };
  endorsements: readonly Endorsement[];
  /** The signed-in person's id; null when it is their own profile or not a person. */
  me: string | null;
}) {
  const action = useAction();
  // The list comes from the normalised cache, which the mutation's answer
  // updates (the person's skill is one record); `changed` only says so aloud.
  const [changed, setChanged] = useState(false);
  const list = endorsements;
  const mine = me != null && list.some((e) => e.endorser?.id === me);
  const endorse = async () => {
    if (await action.run(() => request(EndorseSkill, { personId, skillId: skill.id }))) setChanged(true);
  };
  const withdraw = async () => {
    if (await action.run(() => request(WithdrawEndorsement, { personId, skillId: skill.id }))) setChanged(true);
  };
  return (
    <div className="endorse">
      <span>{list.length === 0 ? 'No endorsements' : plural(list.length, 'endorsement', 'endorsements')}</span>
      {mine ? (
        <>
          <span className="badge badge--published" role={changed ? 'status' : undefined}>
            You endorsed this
          </span>
          <button
            type="button"
            className="button button--small"
            aria-label={`Withdraw your endorsement of ${skill.name}`}
            disabled={action.busy}
            onClick={withdraw}
          >
            Withdraw
          </button>
        </>
      ) : (
        me != null && (
          <button
            type="button"
            className="button button--small"
            aria-label={`Endorse ${skill.name}`}
            disabled={action.busy}
            onClick={endorse}
          >
            Endorse
          </button>
        )
      )}
      {action.error && <ErrorMessage error={endorseError(action.error)} />}
    </div>
  );
}
