import { describe, expect, it } from 'vitest';
import { explanationParts, nodePath } from './explanation';

const skill = { id: 's-ret', kind: 'SKILL', label: 'Records retention' };
const community = { id: 'c-ig', kind: 'COMMUNITY', label: 'Records retention' };
const doc = { id: 'd-1', kind: 'EVIDENCE', label: 'Disposal: a guide' };
const me = { id: 'p-1', kind: 'PERSON', label: 'Mei Chen' };

describe('explanationParts', () => {
  it('splits the sentence into words and names and finds their nodes', () => {
    const paths = [
      { text: 'wrote 4 documents tagged *Records retention*', nodes: [skill, doc, me] },
      { text: 'wrote *Disposal: a guide*', nodes: [doc, me] },
    ];
    expect(explanationParts('wrote 4 documents tagged *Records retention*; wrote *Disposal: a guide*', paths)).toEqual([
      { text: 'wrote 4 documents tagged ' },
      { name: 'Records retention', node: skill },
      { text: '; wrote ' },
      { name: 'Disposal: a guide', node: doc },
    ]);
  });

  it('looks a name up in its own path first when two nodes share a label', () => {
    const paths = [
      { text: 'has the skill *Records retention*', nodes: [skill, me] },
      { text: 'member of *Records retention*', nodes: [community, me] },
    ];
    const names = explanationParts('has the skill *Records retention*; member of *Records retention*', paths).filter(
      (p) => 'name' in p,
    );
    expect(names.map((p) => p.node?.kind)).toEqual(['SKILL', 'COMMUNITY']);
  });

  it('falls back to any path, and keeps unknown names as plain names', () => {
    const parts = explanationParts('knows *Records retention* and *Something else*', [
      { text: 'unrelated', nodes: [skill] },
    ]);
    expect(parts).toEqual([
      { text: 'knows ' },
      { name: 'Records retention', node: skill },
      { text: ' and ' },
      { name: 'Something else', node: undefined },
    ]);
    expect(explanationParts('no names here', [])).toEqual([{ text: 'no names here' }]);
  });
});

describe('nodePath', () => {
  it('links skills, communities and people, not documents', () => {
    expect(nodePath(skill)).toBe('/skills/s-ret');
    expect(nodePath(community)).toBe('/communities/c-ig');
    expect(nodePath({ id: 'p/1', kind: 'PERSON', label: 'x' })).toBe('/people/p%2F1');
    expect(nodePath(doc)).toBeUndefined();
    expect(nodePath({ id: 'i', kind: 'INTERVIEW', label: 'x' })).toBe('/interviews/i');
    expect(nodePath({ id: null, kind: 'INTERVIEW', label: "a colleague's interview" })).toBeUndefined();
    expect(nodePath(undefined)).toBeUndefined();
  });
});
