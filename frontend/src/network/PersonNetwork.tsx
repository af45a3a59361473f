import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '../api/useQuery';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { useNarrowScreen } from '../lib/hooks';
import { groupByKind, KIND_ORDER, kindCount, kindLabel, neighbours, toElements, type NetworkData } from './elements';
import { NetworkGraph } from './NetworkGraph';
import { NETWORK_SIZE, PersonNetworkQuery } from './queries';
import { NODE_LOOK } from './style';

/**
 * A person's neighbourhood in the knowledge graph, one or two steps out: a
 * drawing, and the same links as a list grouped by kind, both filtered by
 * kind. Each link says why it is there.
 */
export function PersonNetwork({ id, name }: { id: string; name: string }) {
  const [steps, setSteps] = useState(1);
  const { data, error, loading, retry } = useQuery(PersonNetworkQuery, { id, first: NETWORK_SIZE, steps });
  const network = data?.person?.network;
  return (
    <section className="panel network" aria-labelledby="network-heading">
      <h2 id="network-heading">Network</h2>
      {error ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : loading && !network ? (
        <Loading what="network" />
      ) : !network || network.nodes.length <= 1 ? (
        <Empty>{name} has no links in the knowledge graph yet.</Empty>
      ) : (
        <Drawing network={network} name={name} steps={steps} onSteps={setSteps} busy={loading} />
      )}
    </section>
  );
}

function Drawing({
  network,
  name,
  steps,
  onSteps,
  busy,
}: {
  network: NetworkData;
  name: string;
  steps: number;
  onSteps: (steps: number) => void;
  busy: boolean;
}) {
  const present = useMemo(() => sortKinds(new Set(network.nodes.slice(1).map((n) => n.kind))), [network]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => new Set(present.filter((k) => !hidden.has(k))), [present, hidden]);
  const elements = useMemo(() => toElements(network, shown), [network, shown]);
  const all = neighbours(network);
  const links = all.filter((l) => shown.has(l.node.kind));
  const groups = groupByKind(links);
  const counts = groups.map((g) => kindCount(g.kind, g.items.length));
  const summary = `${name}’s network: ${counts.join(', ') || 'nothing shown'}. The list below names each link and why.`;
  const [focused, setFocused] = useState<number>();
  // On a phone the list comes first and the drawing only on request: a
  // small canvas of labels is harder to read than the list.
  const narrow = useNarrowScreen();
  const [showGraph, setShowGraph] = useState(false);
  const toggle = (kind: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  const controls = (
    <div className="network__controls">
      <fieldset className="network__steps">
        <legend>Show</legend>
        {[1, 2].map((n) => (
          <label key={n}>
            <input type="radio" name="network-steps" checked={steps === n} onChange={() => onSteps(n)} />{' '}
            {n === 1 ? `${name}’s own links` : 'Two steps out'}
          </label>
        ))}
      </fieldset>
      <fieldset className="network__kinds">
        <legend>Kinds</legend>
        {present.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={shown.has(k)} onChange={() => toggle(k)} /> <Swatch kind={k} />{' '}
            {kindLabel(k)} ({all.filter((l) => l.node.kind === k).length})
          </label>
        ))}
      </fieldset>
      {busy && (
        <span className="muted" role="status">
          Loading…
        </span>
      )}
    </div>
  );
  const graph = (
    <>
      <NetworkGraph elements={elements} summary={summary} highlight={focused} tall={steps === 2} />
      <ul className="legend" aria-label="Legend">
        {KIND_ORDER.filter((k) => shown.has(k)).map((k) => (
          <li key={k}>
            <Swatch kind={k} /> {kindLabel(k)}
          </li>
        ))}
        {steps === 2 && (
          <li className="muted">Small and unlabelled: two steps out (point at one, or see the list, for its name)</li>
        )}
      </ul>
    </>
  );
  const list = (
    <>
      <h3>Links ({links.length})</h3>
      <div aria-label={`Linked to ${name}`} role="group" className="network__groups">
        {groups.map((g) => (
          <section key={g.kind} className="network__group">
            <h4>
              {kindLabel(g.kind)} ({g.items.length})
            </h4>
            <ul className="plain-list network__links" aria-label={`${kindLabel(g.kind)} linked to ${name}`}>
              {g.items.map((l) => (
                <li
                  key={`${l.node.id ?? 'hidden'}-${l.index}`}
                  className={l.step === 2 ? 'network__far' : undefined}
                  onMouseEnter={() => setFocused(l.index)}
                  onMouseLeave={() => setFocused(undefined)}
                  onFocus={() => setFocused(l.index)}
                  onBlur={() => setFocused(undefined)}
                >
                  {l.path ? <Link to={l.path}>{l.node.label}</Link> : <span>{l.node.label}</span>}{' '}
                  <span className="muted">· {l.link}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      {links.length === 0 && <Empty>No links of the chosen kinds.</Empty>}
      {network.truncated && (
        <p className="muted">
          Only the {NETWORK_SIZE} strongest links are shown; {name} has more.
        </p>
      )}
    </>
  );
  return (
    <>
      <p className="muted">
        What {name} is linked to in Tacit’s knowledge graph, strongest links first; thicker lines are stronger links.
        Point at or focus a link to see why it is there; choose a person, skill or community to open it.
      </p>
      {controls}
      {narrow ? (
        <>
          {list}
          <button type="button" className="button" aria-expanded={showGraph} onClick={() => setShowGraph((s) => !s)}>
            {showGraph ? 'Hide the graph' : 'Show the graph'}
          </button>
          {showGraph && graph}
        </>
      ) : (
        <>
          {graph}
          {list}
        </>
      )}
    </>
  );
}

const sortKinds = (kinds: Set<string>) =>
  [...kinds].sort(
    (a, b) => (KIND_ORDER as readonly string[]).indexOf(a) - (KIND_ORDER as readonly string[]).indexOf(b),
  );

/** The node's shape and colour, drawn small for the legend. */
function Swatch({ kind }: { kind: string }) {
  const look = NODE_LOOK[kind] ?? { colour: '#5a6573', shape: 'ellipse' };
  const shape = {
    ellipse: <circle cx="7" cy="7" r="6" />,
    'round-rectangle': <rect x="1" y="2" width="12" height="10" rx="3" />,
    hexagon: <polygon points="4,1 10,1 13,7 10,13 4,13 1,7" />,
    rectangle: <rect x="1" y="2" width="12" height="10" />,
    diamond: <polygon points="7,0 14,7 7,14 0,7" />,
  }[look.shape];
  return (
    <svg className="legend__swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" fill={look.colour}>
      {shape}
    </svg>
  );
}
