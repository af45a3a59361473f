import { communityPath, interviewPath, personPath, skillPath } from './paths';

/** A node on an explanation path, as the `experts` query returns it. */
export interface PathNode {
  /** Null for an interview the reader may not see. */
  id: string | null;
  kind: string;
  label: string;
}

export interface ExplanationPathLike {
  text: string;
  nodes: ReadonlyArray<PathNode>;
}

/** Plain words, or a name the server marked with asterisks and the node it names (when found). */
export type ExplanationPart = { text: string } | { name: string; node: PathNode | undefined };

const NAME = /\*([^*]+)\*/g;

/**
 * Splits an explanation sentence such as `wrote 4 documents tagged *Records retention*`
 * into words and names, and finds the node each name stands for.
 *
 * The sentence is the paths' texts joined together, so a name is looked up first
 * among the nodes of the path its text came from (two nodes may share a label,
 * e.g. a skill and a community), then among all the paths' nodes.
 */
export function explanationParts(explanation: string, paths: ReadonlyArray<ExplanationPathLike>): ExplanationPart[] {
  const spans: { start: number; end: number; nodes: ReadonlyArray<PathNode> }[] = [];
  let cursor = 0;
  for (const path of paths) {
    if (!path.text) continue;
    const start = explanation.indexOf(path.text, cursor);
    if (start < 0) continue;
    spans.push({ start, end: start + path.text.length, nodes: path.nodes });
    cursor = start + path.text.length;
  }
  const anyNode = new Map<string, PathNode>();
  for (const path of paths) {
    for (const node of path.nodes) if (!anyNode.has(node.label)) anyNode.set(node.label, node);
  }

  const parts: ExplanationPart[] = [];
  let last = 0;
  for (const match of explanation.matchAll(NAME)) {
    const at = match.index;
    const name = match[1] ?? '';
    if (at > last) parts.push({ text: explanation.slice(last, at) });
    const span = spans.find((s) => at >= s.start && at < s.end);
    const node = span?.nodes.find((n) => n.label === name) ?? anyNode.get(name);
    parts.push({ name, node });
    last = at + match[0].length;
  }
  if (last < explanation.length) parts.push({ text: explanation.slice(last) });
  return parts;
}

/** Where a node's page is; documents have none, nor interviews the reader may not see. */
export function nodePath(node: PathNode | undefined): string | undefined {
  if (!node?.id) return undefined;
  switch (node.kind) {
    case 'INTERVIEW':
      return interviewPath(node.id);
    case 'SKILL':
      return skillPath(node.id);
    case 'COMMUNITY':
      return communityPath(node.id);
    case 'PERSON':
      return personPath(node.id);
    default:
      return undefined;
  }
}
