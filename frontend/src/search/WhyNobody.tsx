import { useMemo } from 'react';
import { useQuery } from '../api/useQuery';
import { graphql } from '../graphql';

/** Who would be found without the filters: enough to say which filter left nobody. */
const UnfilteredQuery = graphql(`
  query WhyNobody($query: String!, $filter: ExpertFilter) {
    expertSearch(query: $query, filter: $filter, first: 50) {
      experts {
        overlapHours
        person {
          id
          country
        }
        office {
          id
          country
        }
      }
    }
  }
`);

export interface Narrowing {
  office: string;
  country: string;
  overlap: number;
}

/**
 * When the filters leave nobody: which filter did it and what would find
 * someone, e.g. "Sydney's working day never overlaps yours", with the one
 * change that helps.
 */
export function WhyNobody({
  question,
  narrowing,
  officeName,
  countryName,
  timeZone,
  onSetFilter,
}: {
  question: string;
  narrowing: Narrowing;
  officeName: string | undefined;
  countryName: string | undefined;
  timeZone: string | undefined;
  onSetFilter: (name: 'office' | 'country' | 'overlap', value: string) => void;
}) {
  const variables = useMemo(
    () => ({ query: question, filter: timeZone ? { timezone: timeZone } : {} }),
    [question, timeZone],
  );
  const { data, loading } = useQuery(UnfilteredQuery, variables);
  if (loading && !data) return <li>Looking at who the filters left out…</li>;
  const everyone = data?.expertSearch.experts ?? [];
  if (everyone.length === 0) return <li>Nobody matches the question even without filters.</li>;
  const { office, country, overlap } = narrowing;
  const inOffice = office ? everyone.filter((e) => e.office?.id === office) : everyone;
  if (office && inOffice.length === 0) {
    return (
      <li>
        {everyone.length} {everyone.length === 1 ? 'person' : 'people'} may know about it, but none works in{' '}
        {officeName ?? 'that office'}.{' '}
        <button type="button" className="button button--small" onClick={() => onSetFilter('office', '')}>
          Search all offices
        </button>
      </li>
    );
  }
  const located = country ? inOffice.filter((e) => (e.office?.country ?? e.person.country) === country) : inOffice;
  if (country && located.length === 0) {
    return (
      <li>
        {inOffice.length} {inOffice.length === 1 ? 'person' : 'people'} may know about it, but none is based in{' '}
        {countryName ?? 'that country'}.{' '}
        <button type="button" className="button button--small" onClick={() => onSetFilter('country', '')}>
          Search all countries
        </button>
      </li>
    );
  }
  if (overlap > 0) {
    const most = Math.max(0, ...located.map((e) => e.overlapHours ?? 0));
    const place = officeName ?? countryName;
    const text =
      most <= 0
        ? `${place ? `${place}’s` : 'Their'} working day never overlaps yours.`
        : `${place ? `In ${place}, working` : 'Working'} hours overlap yours by at most ${formatHours(most)}, not ${formatHours(overlap)}.`;
    return (
      <li>
        {text}{' '}
        <button type="button" className="button button--small" onClick={() => onSetFilter('overlap', '')}>
          Any overlap
        </button>
      </li>
    );
  }
  return null;
}

function formatHours(h: number): string {
  const rounded = Math.round(h * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`;
}
