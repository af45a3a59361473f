import { Link } from 'react-router';
import type { ResultOf } from '../graphql';
import { personPath, skillPath } from '../lib/paths';
import { countryName } from '../lib/text';
import { zoneName } from '../lib/time';
import type { ExpertsQuery } from '../pages/SearchPage';
import { Avatar } from './Avatar';
import { Chips } from './Chips';
import { Explanation } from './Explanation';
import { LocalTimeText } from './LocalTimeText';

export type Expert = ResultOf<typeof ExpertsQuery>['experts'][number];

/** "Working hours overlap yours by 2.5 hours"; the server compares 09:00–17:00 in both zones. */
export function overlapText(hours: number): string {
  if (hours <= 0) return 'No overlap with your working hours';
  const h = hours.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return `Working hours overlap yours by ${h} ${hours === 1 ? 'hour' : 'hours'}`;
}

/**
 * One suggested person: who they are, where and when they are, and why they were
 * suggested. The name link carries `data-result-link` for arrow-key navigation.
 */
export function ExpertCard({ expert }: { expert: Expert }) {
  const { person, office } = expert;
  const where = [office?.name, countryName(office?.country ?? person.country)].filter(Boolean).join(', ');
  const timeZone = expert.timezone ?? office?.timezone;
  return (
    <li className="card expert-card" data-expert="">
      <Avatar name={person.name} />
      <div className="expert-card__body">
        <Link to={personPath(person.id)} className="expert-card__name" data-result-link="">
          {person.name}
        </Link>
        {person.title && <div>{person.title}</div>}
        <div className="muted expert-card__where">
          {where && <span>{where}</span>}
          {timeZone ? <LocalTimeText timeZone={timeZone} /> : expert.localTime && <span>{expert.localTime} local time</span>}
          {timeZone && <span>{zoneName(timeZone)}</span>}
        </div>
        {expert.overlapHours != null && (
          <div className={expert.overlapHours > 0 ? 'overlap' : 'overlap overlap--none'}>{overlapText(expert.overlapHours)}</div>
        )}
        <Explanation text={expert.explanation} paths={expert.paths} />
        <Chips items={expert.matchedSkills} to={skillPath} label={`Matching skills of ${person.name}`} />
      </div>
    </li>
  );
}
