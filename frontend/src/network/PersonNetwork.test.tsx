import userEvent from '@testing-library/user-event';
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fullPerson } from '../test/fixtures';
import { mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';
import { toElements, type NetworkData } from './elements';
import { inDrawingOrder } from './NetworkGraph';

// jsdom has no canvas: a stand-in records what cytoscape was asked to draw and its event handlers.
const drawn = vi.hoisted(() => ({
  options: [] as unknown[],
  handlers: new Map<string, (e: unknown) => void>(),
  destroyed: 0,
  marked: [] as string[],
}));
vi.mock('cytoscape', () => ({
  default: (options: { elements: Array<{ data: Record<string, unknown> }> }) => {
    drawn.options.push(options);
    const node = (id: string) => {
      const data = options.elements.find((e) => e.data.id === id)?.data;
      return {
        empty: () => !data,
        data: () => data,
        addClass: () => drawn.marked.push(id),
        renderedPosition: () => ({ x: 10, y: 20 }),
      };
    };
    return {
      on: (event: string, selector: string, handler: (e: unknown) => void) =>
        drawn.handlers.set(`${event} ${selector}`, handler),
      nodes: () => ({ removeClass: () => undefined }),
      $id: node,
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
  drawn.marked.length = 0;
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
    const links = await screen.findByRole('group', { name: 'Linked to Ben Okafor' });
    // Grouped by kind, each link saying why it is there.
    expect(
      within(links)
        .getAllByRole('heading', { level: 4 })
        .map((h) => h.textContent),
    ).toEqual(['Skill (1)', 'Community (1)', 'Person (1)', 'Document (1)']);
    expect(
      within(links)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Retention schedules · holds the skill',
      'Records Management · community membership',
      'Aoife Byrne · reporting line',
      'Retention policy review · wrote it',
    ]);
    expect(within(links).getByRole('link', { name: 'Retention schedules' }).getAttribute('href')).toBe('/skills/s-ret');
    expect(within(links).queryByRole('link', { name: 'Retention policy review' })).toBeNull();
    expect(
      screen.getByRole('img', {
        name: 'Ben Okafor’s network: 1 skill, 1 community, 1 person, 1 document. The list below names each link and why.',
      }),
    ).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: 'Legend' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent?.trim()),
    ).toEqual(['Skill', 'Community', 'Person', 'Document']);
    expect(screen.getByText('Only the 40 strongest links are shown; Ben Okafor has more.')).toBeTruthy();
    expect(calls.find((c) => c.operation === 'PersonNetwork')?.variables).toEqual({ id: 'p2', first: 40, steps: 1 });

    // cytoscape is loaded on demand and given the mapped elements.
    await vi.waitFor(() => expect(drawn.options).toHaveLength(1));
    expect((drawn.options[0] as { elements: unknown }).elements).toEqual(
      inDrawingOrder(toElements(network, new Set(['SKILL', 'COMMUNITY', 'PERSON', 'EVIDENCE']))),
    );
    await vi.waitFor(() => expect(screen.queryByText('Drawing the network…')).toBeNull());

    // Focusing a link in the list marks its node in the drawing and says why it is there.
    within(links).getByRole('link', { name: 'Retention schedules' }).focus();
    expect(await screen.findByText('Retention schedules · Skill · holds the skill')).toBeTruthy();
    expect(drawn.marked).toEqual(['n1']);
    // So does pointing at a node or a line in the drawing.
    const over = drawn.handlers.get('mouseover node, edge');
    await act(async () =>
      over?.({
        renderedPosition: { x: 5, y: 5 },
        target: { data: () => ({ source: 'n0', reason: 'Ben Okafor – Aoife Byrne: reporting line' }) },
      }),
    );
    expect(screen.getByText('Ben Okafor – Aoife Byrne: reporting line')).toBeTruthy();
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
    expect(await screen.findByRole('group', { name: 'Linked to Ben Okafor' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: /network/ })).toBeNull();
    expect(drawn.options).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Show the graph' }));
    expect(screen.getByRole('img', { name: /^Ben Okafor’s network: / })).toBeTruthy();
    await vi.waitFor(() => expect(drawn.options).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'Hide the graph' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('goes two steps out on request, saying through whom, and filters by kind', async () => {
    const twoSteps: NetworkData = {
      ...network,
      nodes: [...network.nodes, { id: 'p9', kind: 'PERSON', label: 'Mei Chen' }],
      steps: [0, 1, 1, 1, 1, 2],
      edges: [...network.edges, { source: 1, target: 5, kind: 'HAS_SKILL', weight: 0.5 }],
    };
    const calls = mockApi({
      Person: () => ({ person: fullPerson }),
      PersonNetwork: (v) => ({ person: { id: 'p2', network: v.steps === 2 ? twoSteps : network } }),
    });
    renderAt('/people/p2');
    const links = await screen.findByRole('group', { name: 'Linked to Ben Okafor' });
    expect(within(links).queryByText('Mei Chen')).toBeNull();

    await userEvent.click(screen.getByRole('radio', { name: 'Two steps out' }));
    expect(await within(links).findByText('Mei Chen')).toBeTruthy();
    const mei = within(links).getByRole('link', { name: 'Mei Chen' }).closest('li');
    expect(mei?.textContent).toBe('Mei Chen · via Retention schedules: holds the skill');
    expect(calls.filter((c) => c.operation === 'PersonNetwork').at(-1)?.variables).toEqual({
      id: 'p2',
      first: 40,
      steps: 2,
    });

    // Hiding people takes them out of the list and the drawing, and the summary says what is left.
    await userEvent.click(screen.getByRole('checkbox', { name: /Person \(2\)/ }));
    expect(within(links).queryByText('Mei Chen')).toBeNull();
    expect(within(links).queryByText('Aoife Byrne')).toBeNull();
    expect(screen.getByRole('img', { name: /^Ben Okafor’s network: 1 skill, 1 community, 1 document\./ })).toBeTruthy();
    await vi.waitFor(() => {
      const last = drawn.options.at(-1) as { elements: Array<{ data: { label?: string } }> };
      expect(last.elements.some((e) => e.data.label === 'Mei Chen')).toBe(false);
      expect(last.elements.some((e) => e.data.label === 'Ben Okafor')).toBe(true);
    });
  });

  it('says so when the person has no links yet', async () => {
    mockApi({
      Person: () => ({ person: fullPerson }),
      PersonNetwork: () => ({
        person: { id: 'p2', network: { nodes: [network.nodes[0]!], edges: [], truncated: false } },
      }),
    });
    renderAt('/people/p2');
    expect(await screen.findByText('Ben Okafor has no links in the knowledge graph yet.')).toBeTruthy();
    expect(drawn.options).toHaveLength(0);
  });
});
