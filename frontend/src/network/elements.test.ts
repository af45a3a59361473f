import { describe, expect, it } from 'vitest';
import { groupByKind, linkReasons, neighbours, toElements, type NetworkData } from './elements';

const network: NetworkData = {
  nodes: [
    { id: 'p2', kind: 'PERSON', label: 'Ben Okafor' },
    { id: 's-ret', kind: 'SKILL', label: 'Retention schedules' },
    { id: 'c-rm', kind: 'COMMUNITY', label: 'Records Management' },
    { id: 'd1', kind: 'EVIDENCE', label: 'Retention policy review' },
    { id: null, kind: 'INTERVIEW', label: 'Interview' },
    { id: 'p/1', kind: 'PERSON', label: 'Aoife Byrne' },
  ],
  edges: [
    { source: 0, target: 1, kind: 'HAS_SKILL', weight: 0.4 },
    { source: 0, target: 2, kind: 'MEMBER_OF', weight: 0.2 },
    { source: 0, target: 3, kind: 'AUTHORED', weight: 0.1 },
    { source: 0, target: 4, kind: 'HARVESTED_FROM', weight: 1.7 },
    { source: 1, target: 2, kind: 'ABOUT', weight: 0.3 },
    { source: 0, target: 9, kind: 'RELATED', weight: 0.1 },
    { source: 3, target: 3, kind: 'TAGGED', weight: 0.1 },
  ],
  truncated: false,
};

describe('network elements', () => {
  it('maps nodes to cytoscape nodes with kind classes, the centre marked and page paths where there is a page', () => {
    const nodes = toElements(network).filter((e) => e.group === 'nodes');
    expect(nodes.map((n) => [n.data.id, n.data.label, n.classes, n.data.path])).toEqual([
      ['n0', 'Ben Okafor', 'person centre', '/people/p2'],
      ['n1', 'Retention schedules', 'skill', '/skills/s-ret'],
      ['n2', 'Records Management', 'community', '/communities/c-rm'],
      ['n3', 'Retention policy review', 'evidence', undefined],
      ['n4', 'Interview', 'interview', undefined],
      ['n5', 'Aoife Byrne', 'person', '/people/p%2F1'],
    ]);
    expect(nodes[0]?.data.centre).toBe(true);
    expect(nodes[1]?.data.centre).toBe(false);
  });

  it('maps edges between known, different nodes and keeps weights between 0 and 1', () => {
    const edges = toElements(network).filter((e) => e.group === 'edges');
    expect(edges.map((e) => [e.data.source, e.data.target, e.data.kind, e.data.weight])).toEqual([
      ['n0', 'n1', 'HAS_SKILL', 0.4],
      ['n0', 'n2', 'MEMBER_OF', 0.2],
      ['n0', 'n3', 'AUTHORED', 0.1],
      ['n0', 'n4', 'HARVESTED_FROM', 1],
      ['n1', 'n2', 'ABOUT', 0.3],
    ]);
    expect(new Set(edges.map((e) => e.data.id)).size).toBe(edges.length);
  });

  it('lists the neighbours in words, with how each is linked to the person', () => {
    expect(neighbours(network).map((n) => [n.node.label, n.link, n.path])).toEqual([
      ['Retention schedules', 'holds the skill', '/skills/s-ret'],
      ['Records Management', 'community membership', '/communities/c-rm'],
      ['Retention policy review', 'wrote it', undefined],
      ['Interview', 'harvest interview', undefined],
      ['Aoife Byrne', 'linked through others', '/people/p%2F1'],
    ]);
  });

  it('gives each node the reason it is there, through whom for two steps out, and keeps only the kinds shown', () => {
    const two: NetworkData = {
      ...network,
      nodes: [...network.nodes, { id: 'p9', kind: 'PERSON', label: 'Mei Chen' }],
      steps: [0, 1, 1, 1, 1, 1, 2],
      edges: [
        ...network.edges,
        { source: 1, target: 6, kind: 'HAS_SKILL', weight: 0.2 },
        { source: 2, target: 6, kind: 'MEMBER_OF', weight: 0.6 },
      ],
    };
    expect(linkReasons(two)[6]).toBe('via Records Management: community membership');
    const nodes = toElements(two, new Set(['SKILL', 'PERSON'])).filter((e) => e.group === 'nodes');
    expect(nodes.map((n) => [n.data.label, n.data.step, n.classes])).toEqual([
      ['Ben Okafor', 0, 'person centre'],
      ['Retention schedules', 1, 'skill'],
      ['Aoife Byrne', 1, 'person'],
      ['Mei Chen', 2, 'person far'],
    ]);
    const edges = toElements(two, new Set(['SKILL', 'PERSON'])).filter((e) => e.group === 'edges');
    expect(edges.map((e) => e.data.reason)).toEqual([
      'Ben Okafor – Retention schedules: holds the skill',
      'Retention schedules – Mei Chen: holds the skill',
    ]);
    expect(groupByKind(neighbours(two)).map((g) => [g.kind, g.items.map((i) => i.node.label)])).toEqual([
      ['SKILL', ['Retention schedules']],
      ['COMMUNITY', ['Records Management']],
      ['PERSON', ['Aoife Byrne', 'Mei Chen']],
      ['EVIDENCE', ['Retention policy review']],
      ['INTERVIEW', ['Interview']],
    ]);
  });
});
