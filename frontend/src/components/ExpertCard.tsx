import { useId, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { graphql, readFragment, type FragmentOf, type ResultOf } from '../graphql';
import { label } from '../lib/labels';
import { personPath, skillPath } from '../lib/paths';
import { countryName } from '../lib/text';
import { Avatar } from './Avatar';
import { Chips } from './Chips';
import { Explanation } from './Explanation';
import { LocalTimeText } from './LocalTimeText';
import { StatusBadge } from './StatusBadge';

/** What a result card shows of one suggested person. */
export const ExpertCardFields = graphql(`
  fragment ExpertCardFields on Expert {
    strength
    nameMatch
    leaving
    explanation
    overlapHours
    timezone
    person {
      id
      name
      title
      country
      leavingOn
      workingHours {
        start
        end
        days
      }
    }
    office {
      id
      name
      country
      timezone
    }
    matchedSkills {
      id
      name
    }
    paths {
      text
      nodes {
        id
        kind
        label
      }
    }
  }
`);

export type Expert = ResultOf<typeof ExpertCardFields>;

const STRENGTH_LABELS: Record<Expert['strength'], string> = {
  STRONG: 'Strong match',
  PARTIAL: 'Partial match',
  WEAK: 'Weak match',
};

/** "Working hours overlap yours by 2.5 hours": the server compares both people's own hours (or its Monday–Friday 09:00–17:00 guess). */
export function overlapText(hours: number): string {
  if (hours <= 0) return 'No overlap with your working hours';
  const h = hours.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return `Working hours overlap yours by ${h} ${hours === 1 ? 'hour' : 'hours'}`;
}

/**
 * One suggested person: who they are, how well they match, where and when they
 * are, and why they were suggested. The card is one stop in the tab order: its
 * name link, which carries `data-result-link` for up and down arrows between
 * results and is described by the match labels, so moving to it says how strong
 * the match is. The links in the explanation and the skill chips are reached
 * with the right and left arrows from there.
 */
export function ExpertCard({
  expert: masked,
  leavingNote,
}: {
  expert: FragmentOf<typeof ExpertCardFields>;
  /** Said beside "Leaving" (as its tooltip, and to screen readers): whether a leaver is asked questions. */
  leavingNote?: string;
}) {
  const expert = readFragment(ExpertCardFields, masked);
  const { person, office } = expert;
  const where = [office?.name, countryName(office?.country ?? person.country)].filter(Boolean).join(', ');
  const labelsId = useId();
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- arrow keys pressed on the links inside
    <li className="card expert-card" data-expert="" onKeyDown={moveWithinCard}>
      <Avatar name={person.name} />
      <div className="expert-card__body">
        <div className="expert-card__head">
          <Link
            to={personPath(person.id)}
            className="expert-card__name"
            data-result-link=""
            aria-describedby={labelsId}
          >
            {person.name}
          </Link>
          <MatchLabels id={labelsId} expert={expert} leavingNote={leavingNote} />
        </div>
        {person.title && <div>{person.title}</div>}
        <div className="muted expert-card__where">
          {where && <span>{where}</span>}
          <LocalTimeText timeZone={expert.timezone ?? office?.timezone} hours={person.workingHours} />
        </div>
        {expert.overlapHours != null && (
          <div className={expert.overlapHours > 0 ? 'overlap' : 'overlap overlap--none'}>
            {overlapText(expert.overlapHours)}
          </div>
        )}
        <Explanation text={expert.explanation} paths={expert.paths} inner />
        <Chips items={expert.matchedSkills} to={skillPath} label={`Matching skills of ${person.name}`} inner />
      </div>
    </li>
  );
}

/** How strong the match is, whether the question named them, and whether they are leaving: words, not colour alone. */
function MatchLabels({ id, expert, leavingNote }: { id: string; expert: Expert; leavingNote?: string }) {
  const strength = STRENGTH_LABELS[expert.strength] ?? label(expert.strength);
  return (
    <span id={id} className="expert-card__labels">
      <span className={`match match--${expert.strength.toLowerCase()}`}>{strength}</span>
      {/* Spaces, so the labels are read as separate words when they describe the name link. */}
      {expert.nameMatch && (
        <>
          {' '}
          <span className="match match--name">Name match</span>
        </>
      )}
      {expert.leaving && (
        <>
          {' '}
          <StatusBadge status="LEAVING" leavingOn={expert.person.leavingOn} note={leavingNote} />
        </>
      )}
    </span>
  );
}

/** Right and left arrows move between the links of one result (its name first). */
function moveWithinCard(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
  const links = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[data-result-link], [data-inner-link]'));
  const at = links.indexOf(e.target as HTMLElement);
  if (at < 0) return;
  const next = links[e.key === 'ArrowRight' ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0)];
  e.preventDefault();
  next?.focus();
}
