import { nodePath, type PathNode } from '../lib/explanation';

/** A person's neighbourhood as the `Person.network` field gives it. */
export interface NetworkData {
  nodes: ReadonlyArray<PathNode>;
  /** Steps from the person, index for index with `nodes` (all one step when missing). */
  steps?: ReadonlyArray<number>;
  edges: ReadonlyArray<{ source: number; target: number; kind: string; weight: number }>;
  truncated: boolean;
}

/** What cytoscape draws: plain objects, so this file needs no cytoscape. */
export interface GraphElement {
  group: 'nodes' | 'edges';
  data: Record<string, string | number | boolean>;
  classes?: string;
}

/** A neighbour in words, for the list beside the drawing. */
export interface Neighbour {
  /** Index in the network's `nodes`. */
  index: number;
  node: PathNode;
  path: string | undefined;
  /** 1 for the person's own links, 2 for their neighbours' links. */
  step: number;
  /** How it is linked to the person, e.g. "holds the skill", or through whom: "via GDPR: holds the skill". */
  link: string;
}

/** The kinds in the order the view groups them. */
export const KIND_ORDER = ['SKILL', 'COMMUNITY', 'PERSON', 'EVIDENCE', 'INTERVIEW'] as const;

const KIND_WORDS: Record<string, string> = {
  PERSON: 'Person',
  SKILL: 'Skill',
  COMMUNITY: 'Community',
  EVIDENCE: 'Document',
  INTERVIEW: 'Interview',
};

/** A link in words. Edges carry no direction the reader can rely on, so the words have none either. */
const EDGE_WORDS: Record<string, string> = {
  HAS_SKILL: 'holds the skill',
  MEMBER_OF: 'community membership',
  ABOUT: 'community on this skill',
  AUTHORED: 'wrote it',
  TAGGED: 'document on this skill',
  HARVESTED_FROM: 'harvest interview',
  COVERS: 'interview topic',
  SUCCESSOR_FOR: 'named successor',
  BROADER: 'broader or narrower skill',
  RELATED: 'related skill',
  REPORTS_TO: 'reporting line',
};

const KIND_PLURALS: Record<string, string> = {
  PERSON: 'people',
  SKILL: 'skills',
  COMMUNITY: 'communities',
  EVIDENCE: 'documents',
  INTERVIEW: 'interviews',
};

/** "1 skill", "3 people". */
export function kindCount(kind: string, n: number): string {
  return n === 1
    ? `1 ${kindLabel(kind).toLowerCase()}`
    : `${n} ${KIND_PLURALS[kind] ?? `${kindLabel(kind).toLowerCase()}s`}`;
}

export const kindLabel = (kind: string) => KIND_WORDS[kind] ?? kind.charAt(0) + kind.slice(1).toLowerCase();

const nodeId = (i: number) => `n${i}`;
const valid = (network: NetworkData, i: number) => Number.isInteger(i) && i >= 0 && i < network.nodes.length;

/**
 * The elements cytoscape draws: one per node of a shown kind (the person
 * first, marked `centre`, always shown; `path` where the node has a page;
 * `step` and the `reason` it is linked, for the layout and the tooltip) and
 * one per edge between two shown, different nodes. Node kinds become classes
 * for colour and shape; nodes two steps out are also `far`.
 */
export function toElements(network: NetworkData, shown?: ReadonlySet<string>): GraphElement[] {
  const reasons = linkReasons(network);
  const keep = (i: number) => i === 0 || !shown || shown.has(network.nodes[i]?.kind ?? '');
  const nodes: GraphElement[] = network.nodes.flatMap((n, i) => {
    if (!keep(i)) return [];
    const path = nodePath(n);
    const step = stepOf(network, i);
    return [
      {
        group: 'nodes' as const,
        data: {
          id: nodeId(i),
          label: n.label,
          kind: n.kind,
          centre: i === 0,
          step,
          reason: reasons[i] ?? '',
          ...(path ? { path } : {}),
        },
        classes: [n.kind.toLowerCase(), i === 0 ? 'centre' : '', step === 2 ? 'far' : ''].filter(Boolean).join(' '),
      },
    ];
  });
  const edges: GraphElement[] = network.edges.flatMap((e, i) =>
    valid(network, e.source) && valid(network, e.target) && e.source !== e.target && keep(e.source) && keep(e.target)
      ? [
          {
            group: 'edges' as const,
            data: {
              id: `e${i}`,
              source: nodeId(e.source),
              target: nodeId(e.target),
              kind: e.kind,
              weight: Math.max(0, Math.min(1, e.weight)),
              reason: `${network.nodes[e.source]?.label} – ${network.nodes[e.target]?.label}: ${edgeWords(e.kind)}`,
            },
          },
        ]
      : [],
  );
  return [...nodes, ...edges];
}

const stepOf = (network: NetworkData, i: number) => (i === 0 ? 0 : (network.steps?.[i] ?? 1));

const edgeWords = (kind: string) => EDGE_WORDS[kind] ?? kind.toLowerCase().replace(/_/g, ' ');

/**
 * Why each node is in the view, index for index: for the person's own links
 * how they are linked ("holds the skill"); for a node two steps out, through
 * which neighbour ("via GDPR: holds the skill"), taking the strongest such link.
 */
export function linkReasons(network: NetworkData): string[] {
  const between = (a: number, b: number) =>
    network.edges.filter((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a));
  return network.nodes.map((_, i) => {
    if (i === 0) return '';
    if (stepOf(network, i) !== 2) {
      const edge = between(0, i)[0];
      return edge ? edgeWords(edge.kind) : 'linked through others';
    }
    let best: { via: number; kind: string; weight: number } | undefined;
    network.nodes.forEach((_n, j) => {
      if (j === 0 || stepOf(network, j) !== 1) return;
      for (const e of between(i, j))
        if (!best || e.weight > best.weight) best = { via: j, kind: e.kind, weight: e.weight };
    });
    return best ? `via ${network.nodes[best.via]?.label}: ${edgeWords(best.kind)}` : 'linked through others';
  });
}

/** The person's neighbours in the order given (strongest first, one step before two), each with how it is linked. */
export function neighbours(network: NetworkData): Neighbour[] {
  const reasons = linkReasons(network);
  return network.nodes.slice(1).map((node, k) => {
    const i = k + 1;
    return { index: i, node, path: nodePath(node), step: stepOf(network, i), link: reasons[i] ?? '' };
  });
}

/** Neighbours grouped by kind, in {@link KIND_ORDER} (unknown kinds last), each group in the given order. */
export function groupByKind(list: readonly Neighbour[]): Array<{ kind: string; items: Neighbour[] }> {
  const kinds = [...new Set(list.map((n) => n.node.kind))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return kinds.map((kind) => ({ kind, items: list.filter((n) => n.node.kind === kind) }));
}

const rank = (kind: string) => {
  const at = (KIND_ORDER as readonly string[]).indexOf(kind);
  return at < 0 ? KIND_ORDER.length : at;
};
