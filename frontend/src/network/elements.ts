import { nodePath, type PathNode } from '../lib/explanation';

/** A person's neighbourhood as the `Person.network` field gives it. */
export interface NetworkData {
  nodes: ReadonlyArray<PathNode>;
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
  node: PathNode;
  path: string | undefined;
  /** How it is linked to the person, e.g. "has the skill". */
  link: string;
}

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
  ABOUT: 'community about the skill',
  AUTHORED: 'wrote it',
  TAGGED: 'tagged',
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
  return n === 1 ? `1 ${kindLabel(kind).toLowerCase()}` : `${n} ${KIND_PLURALS[kind] ?? `${kindLabel(kind).toLowerCase()}s`}`;
}

export const kindLabel = (kind: string) => KIND_WORDS[kind] ?? kind.charAt(0) + kind.slice(1).toLowerCase();

const nodeId = (i: number) => `n${i}`;
const valid = (network: NetworkData, i: number) => Number.isInteger(i) && i >= 0 && i < network.nodes.length;

/**
 * The elements cytoscape draws: one per node (the person first, marked
 * `centre`; `path` where the node has a page) and one per edge between two
 * known, different nodes. Node kinds become classes for colour and shape.
 */
export function toElements(network: NetworkData): GraphElement[] {
  const nodes: GraphElement[] = network.nodes.map((n, i) => {
    const path = nodePath(n);
    return {
      group: 'nodes',
      data: { id: nodeId(i), label: n.label, kind: n.kind, centre: i === 0, ...(path ? { path } : {}) },
      classes: [n.kind.toLowerCase(), i === 0 ? 'centre' : ''].filter(Boolean).join(' '),
    };
  });
  const edges: GraphElement[] = network.edges.flatMap((e, i) =>
    valid(network, e.source) && valid(network, e.target) && e.source !== e.target
      ? [{
          group: 'edges' as const,
          data: { id: `e${i}`, source: nodeId(e.source), target: nodeId(e.target), kind: e.kind, weight: Math.max(0, Math.min(1, e.weight)) },
        }]
      : [],
  );
  return [...nodes, ...edges];
}

/** The person's neighbours in the order given (strongest first), each with how it is linked to them. */
export function neighbours(network: NetworkData): Neighbour[] {
  return network.nodes.slice(1).map((node, k) => {
    const i = k + 1;
    const edge = network.edges.find((e) => (e.source === 0 && e.target === i) || (e.source === i && e.target === 0));
    const link = edge ? (EDGE_WORDS[edge.kind] ?? edge.kind.toLowerCase().replace(/_/g, ' ')) : 'linked through others';
    return { node, path: nodePath(node), link };
  });
}
