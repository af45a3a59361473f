import userEvent from '@testing-library/user-event';
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fullPerson } from '../test/fixtures';
import { mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';
import { toElements, type NetworkData } from './elements';

// jsdom has no canvas: a stand-in records what cytoscape was asked to draw and its event handlers.
const drawn = vi.hoisted(() => ({ options: [] as unknown[], handlers: new Map<string, (e: unknown) => void>(), destroyed: 0 }));
vi.mock('cytoscape', () => ({
  default: (options: unknown) => {
    drawn.options.push(options);
    return {
      on: (event: string, selector: string, handler: (e: unknown) => void) => drawn.handlers.set(`${event} ${selector}`, handler),
      destroy: () => {
        drawn.destroyed += 1;
      },
    };
  },
}));

afterEach(() => {
  drawn.options.length = 0;
  drawn.handlers.clear();
  drawn.destroyed = 0;
});

const network: NetworkData = {
  nodes: [
    { id: 'p2', kind: 'PERSON', label: 'Ben Okafor' },
    { id: 's-ret', kind: 'SKILL', label: 'Retention schedules' },
    { id: 'c-rm', kind: 'COMMUNITY', label: 'Records Management' },
    { id: 'd1', kind: 'EVIDENCE', label: 'Retention policy review' },
    { id: 'p1', kind: 'PERSON', label: 'Aoife Byrne' },
  ],
  edges: [
    { source: 0, target: 1, kind: 'HAS_SKILL', weight: 0.4 },
    { source: 0, target: 2, kind: 'MEMBER_OF', weight: 0.2 },
    { source: 0, target: 3, kind: 'AUTHORED', weight: 0.1 },
    { source: 0, target: 4, kind: 'REPORTS_TO', weight: 0.3 },
    { source: 1, target: 2, kind: 'ABOUT', weight: 0.3 },
  ],
  truncated: true,
};

describe('Network on the Person page', () => {
  it('draws the neighbourhood, lists the same links in words and opens a chosen node', async () => {
    const calls = mockApi({
      Person: () => ({ person: fullPerson }),
      PersonNetwork: () => ({ person: { id: 'p2', network } }),
      Skill: () => new Promise(() => {}),
    });
    renderAt('/people/p2');
    const links = await screen.findByRole('list', { name: 'Linked to Ben Okafor' });
    expect(within(links).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Retention schedules · Skill · holds the skill',
      'Records Management · Community · community membership',
      'Retention policy review · Document · wrote it',
      'Aoife Byrne · Person · reporting line',
    ]);
    expect(within(links).getByRole('link', { name: 'Retention schedules' }).getAttribute('href')).toBe('/skills/s-ret');
    expect(within(links).queryByRole('link', { name: 'Retention policy review' })).toBeNull();
    expect(screen.getByRole('img', { name: 'Ben Okafor’s network: 1 skill, 1 community, 1 document, 1 person. The list below names each link.' })).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Legend' })).getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual([
      'Person', 'Skill', 'Community', 'Document',
    ]);
    expect(screen.getByText('Only the 40 strongest links are shown; Ben Okafor has more.')).toBeTruthy();
    expect(calls.find((c) => c.operation === 'PersonNetwork')?.variables).toEqual({ id: 'p2', first: 40 });

    // cytoscape is loaded on demand and given the mapped elements.
    await vi.waitFor(() => expect(drawn.options).toHaveLength(1));
    expect((drawn.options[0] as { elements: unknown }).elements).toEqual(toElements(network));
    await vi.waitFor(() => expect(screen.queryByText('Drawing the network…')).toBeNull());
    const tap = drawn.handlers.get('tap node[path]');
    await act(async () => tap?.({ target: { data: (key: string) => (key === 'path' ? '/skills/s-ret' : undefined) } }));
    expect(await screen.findByText('Loading skill…')).toBeTruthy();
    expect(drawn.destroyed).toBe(1);
  });

  it('on a phone, lists the links first and draws the graph only on request', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('max-width'),
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
    mockApi({
      Person: () => ({ person: fullPerson }),
      PersonNetwork: () => ({ person: { id: 'p2', network } }),
    });
    renderAt('/people/p2');
    expect(await screen.findByRole('list', { name: 'Linked to Ben Okafor' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: /network/ })).toBeNull();
    expect(drawn.options).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Show the graph' }));
    expect(screen.getByRole('img', { name: /^Ben Okafor’s network: / })).toBeTruthy();
    await vi.waitFor(() => expect(drawn.options).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'Hide the graph' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('says so when the person has no links yet', async () => {
    mockApi({
      Person: () => ({ person: fullPerson }),
      PersonNetwork: () => ({ person: { id: 'p2', network: { nodes: [network.nodes[0]!], edges: [], truncated: false } } }),
    });
    renderAt('/people/p2');
    expect(await screen.findByText('Ben Okafor has no links in the knowledge graph yet.')).toBeTruthy();
    expect(drawn.options).toHaveLength(0);
  });
});
