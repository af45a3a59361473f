import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '../api/useQuery';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { useNarrowScreen } from '../lib/hooks';
import { kindCount, kindLabel, neighbours, toElements, type NetworkData } from './elements';
import { NetworkGraph } from './NetworkGraph';
import { NETWORK_SIZE, PersonNetworkQuery } from './queries';
import { NODE_LOOK } from './style';

/** A person's neighbourhood in the knowledge graph: a drawing, a legend and the same links as a list. */
export function PersonNetwork({ id, name }: { id: string; name: string }) {
  const { data, error, loading, retry } = useQuery(PersonNetworkQuery, { id, first: NETWORK_SIZE });
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
        <Drawing network={network} name={name} />
      )}
    </section>
  );
}

function Drawing({ network, name }: { network: NetworkData; name: string }) {
  const elements = useMemo(() => toElements(network), [network]);
  const links = neighbours(network);
  const kinds = [...new Set(network.nodes.map((n) => n.kind))];
  const around = network.nodes.slice(1);
  const counts = [...new Set(around.map((n) => n.kind))].map((k) => kindCount(k, around.filter((n) => n.kind === k).length));
  const summary = `${name}’s network: ${counts.join(', ')}. The list below names each link.`;
  // On a phone the list comes first and the drawing only on request: a
  // small canvas of labels is harder to read than the list.
  const narrow = useNarrowScreen();
  const [showGraph, setShowGraph] = useState(false);
  const graph = (
    <>
      <NetworkGraph elements={elements} summary={summary} />
      <ul className="legend" aria-label="Legend">
        {kinds.map((k) => (
          <li key={k}>
            <Swatch kind={k} /> {kindLabel(k)}
          </li>
        ))}
      </ul>
    </>
  );
  const list = (
    <>
      <h3>Links ({links.length})</h3>
      <ul className="plain-list network__links" aria-label={`Linked to ${name}`}>
        {links.map((l, i) => (
          <li key={`${l.node.id ?? 'hidden'}-${i}`}>
            {l.path ? <Link to={l.path}>{l.node.label}</Link> : <span>{l.node.label}</span>}{' '}
            <span className="muted">· {kindLabel(l.node.kind)} · {l.link}</span>
          </li>
        ))}
      </ul>
      {network.truncated && <p className="muted">Only the {NETWORK_SIZE} strongest links are shown; {name} has more.</p>}
    </>
  );
  return (
    <>
      <p className="muted">
        What {name} is linked to in Tacit’s knowledge graph, strongest links first; thicker lines are stronger links. Choose a
        person, skill, community or interview to open it.
      </p>
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
