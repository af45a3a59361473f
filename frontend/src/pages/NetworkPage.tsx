import { useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '../api/useQuery';
import { useMe } from '../auth/context';
import { canSeeRisk } from '../auth/roles';
import { ErrorMessage, Loading } from '../components/Status';
import { usePageTitle } from '../lib/hooks';
import { NetworkCharts } from '../questions/NetworkCharts';
import { NetworkStatsQuery } from '../questions/queries';

export const PERIODS = [7, 28, 90] as const;
const DEFAULT_DAYS = 28;
const TITLE = 'How the network answers';

/** For knowledge managers (HR and admins): how the questions people ask through Tacit are answered. */
export function NetworkPage() {
  const me = useMe();
  usePageTitle(TITLE);
  if (!canSeeRisk(me.roles)) {
    return (
      <section>
        <h1>{TITLE}</h1>
        <p>This page is for knowledge managers: HR and admins.</p>
      </section>
    );
  }
  return <NetworkReport />;
}

function NetworkReport() {
  const id = useId();
  // The period is in the address (`?days=90`), so a view can be shared.
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('days'));
  const inAddress = (PERIODS as readonly number[]).includes(asked) ? asked : DEFAULT_DAYS;
  // The choice shows at once, while the address follows; the back button still wins.
  const [chosen, setChosen] = useState<{ from: number; days: number }>();
  const days = chosen?.from === inAddress ? chosen.days : inAddress;
  const variables = useMemo(() => ({ days }), [days]);
  const { data, error, loading, retry } = useQuery(NetworkStatsQuery, variables);
  const now = useMemo(() => new Date(), []);
  const stats = data?.networkStats;
  return (
    <article className="network-report" aria-busy={loading}>
      <h1>{TITLE}</h1>
      <p className="lead">
        Questions people asked their colleagues through Tacit: how many, how soon they were answered, who carries them,
        and what is still open.
      </p>
      <fieldset className="period">
        <legend>Period</legend>
        {PERIODS.map((n) => (
          <label key={n} className="period__choice">
            <input
              type="radio"
              name={`${id}-days`}
              value={n}
              checked={days === n}
              onChange={() => {
                setChosen({ from: inAddress, days: n });
                setParams(
                  (p) => {
                    const next = new URLSearchParams(p);
                    if (n === DEFAULT_DAYS) next.delete('days');
                    else next.set('days', String(n));
                    return next;
                  },
                  { replace: true },
                );
              }}
            />{' '}
            Last {n} days
          </label>
        ))}
      </fieldset>
      {error ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : !stats ? (
        <Loading what="figures" />
      ) : (
        <NetworkCharts stats={stats} now={now} />
      )}
    </article>
  );
}
