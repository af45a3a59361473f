import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { connection, GraphQLFailure, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';
import { aliasText } from './SkillsPage';

const skills = [
  {
    id: 's-gdpr',
    name: 'GDPR',
    aliases: ['General Data Protection Regulation'],
    description: 'EU data protection law.',
  },
  { id: 's-ret', name: 'Retention schedules', aliases: [], description: null },
  { id: 's-rust', name: 'Rust', aliases: [], description: null },
];

describe('Skills', () => {
  it('browses skills and searches by prefix', async () => {
    const calls = mockApi({
      Skills: (v) => {
        const prefix = typeof v.prefix === 'string' ? v.prefix.toLowerCase() : '';
        const found = skills.filter((s) => s.name.toLowerCase().startsWith(prefix));
        return { skills: connection(found, Number(v.first), v.after) };
      },
    });
    renderAt('/skills');
    await screen.findByRole('link', { name: 'GDPR' });
    expect(screen.getByText('Also: General Data Protection Regulation')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Find a skill'), 'r');
    const list = () =>
      within(screen.getByRole('list', { name: 'Skills' }))
        .getAllByRole('link')
        .map((a) => a.textContent);
    await waitFor(() => expect(list()).toEqual(['Retention schedules', 'Rust']));
    expect(calls.at(-1)?.variables).toMatchObject({ prefix: 'r' });
    await userEvent.type(screen.getByLabelText('Find a skill'), 'zz');
    expect(await screen.findByText('No skill starts with “rzz”.')).toBeTruthy();
  });

  it('shows a skill with broader, narrower, related skills and holders', async () => {
    const calls = mockApi({
      RelatedSkills: () => ({
        relatedSkills: [
          { score: 0.03, skill: { id: 's-disp', name: 'Records disposal' } },
          { score: 0.01, skill: { id: 's-gdpr', name: 'GDPR' } },
        ],
      }),
      Skill: () => ({
        skill: {
          id: 's-ret',
          name: 'Retention schedules',
          aliases: ['Records retention'],
          description: 'How long to keep which records.',
          broader: { id: 's-rm', name: 'Records management' },
          narrower: [{ id: 's-disp', name: 'Disposal' }],
          related: [{ id: 's-gdpr', name: 'GDPR' }],
          holderCount: 3,
          holders: [
            {
              level: 4,
              source: 'ENDORSED',
              person: {
                id: 'p2',
                name: 'Ben Okafor',
                title: 'Solicitor',
                status: 'LEAVING',
                leavingOn: null,
                office: { name: 'Belfast' },
              },
            },
            { level: 2, source: 'SELF', person: null },
          ],
          harvests: [
            {
              id: 'iv-1',
              status: 'PUBLISHED',
              leaverName: 'Laura Singh',
              publishedAt: '2026-12-06T10:00:00Z',
              completedAt: '2026-12-05T10:00:00Z',
              summary: 'Where the retention schedule lives and who signs it off.',
              successors: [
                { person: { id: 'p7', name: 'Eamon Boyle', status: 'ACTIVE' }, skill: { id: 's-ret' } },
                { person: { id: 'p8', name: 'Someone Else', status: 'ACTIVE' }, skill: { id: 's-other' } },
                { person: { id: 'p9', name: 'Gone Soon', status: 'LEAVING' }, skill: { id: 's-ret' } },
              ],
            },
          ],
        },
      }),
    });
    renderAt('/skills/s-ret');
    expect(await screen.findByRole('heading', { level: 1, name: 'Retention schedules' })).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Broader skill' })).getByRole('link').textContent).toBe(
      'Records management',
    );
    expect(within(screen.getByRole('list', { name: 'Narrower skills' })).getByRole('link').textContent).toBe(
      'Disposal',
    );
    expect(
      within(screen.getByRole('list', { name: 'Related in the taxonomy' }))
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('/skills/s-gdpr');
    expect(screen.getByRole('link', { name: 'Find experts' }).getAttribute('href')).toBe(
      '/search?q=Retention%20schedules',
    );
    const holders = screen.getByRole('list', { name: 'People with this skill' });
    expect(within(holders).getByRole('link', { name: 'Ben Okafor' }).getAttribute('href')).toBe('/people/p2');
    expect(within(holders).getByText('Solicitor · Belfast')).toBeTruthy();
    expect(within(holders).getAllByRole('listitem')).toHaveLength(1);
    expect(within(holders).getByText('4 · Advanced')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See all 3 people with this skill' }).getAttribute('href')).toBe(
      '/people?skill=s-ret',
    );

    const related = await screen.findByRole('list', { name: 'Related skills' });
    expect(
      within(related)
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Records disposal', '/skills/s-disp'],
      ['GDPR', '/skills/s-gdpr'],
    ]);
    expect(calls.find((c) => c.operation === 'RelatedSkills')?.variables).toEqual({ skill: 's-ret', first: 8 });

    // What leavers' interviews secured: the summary and who to ask now (for this skill only).
    const harvests = screen.getByRole('list', { name: 'Interviews that covered this skill' });
    expect(within(harvests).getByRole('link', { name: 'Laura Singh' }).getAttribute('href')).toBe('/interviews/iv-1');
    expect(within(harvests).getByText('· summary published 6 Dec 2026')).toBeTruthy();
    expect(within(harvests).getByText('Where the retention schedule lives and who signs it off.')).toBeTruthy();
    expect(within(harvests).getByRole('link', { name: 'Eamon Boyle' }).getAttribute('href')).toBe('/people/p7');
    expect(within(harvests).queryByText('Someone Else')).toBeNull();
    expect(within(harvests).queryByText('Gone Soon')).toBeNull();
  });

  it('says so when related skills cannot be loaded, and still shows the skill', async () => {
    mockApi({
      Skill: () => ({
        skill: {
          id: 's-rust',
          name: 'Rust',
          aliases: [],
          description: null,
          broader: null,
          narrower: [],
          related: [],
          holderCount: 0,
          holders: [],
          harvests: [],
        },
      }),
      RelatedSkills: () => {
        throw new GraphQLFailure('graph not ready', 'INTERNAL_SERVER_ERROR');
      },
    });
    renderAt('/skills/s-rust');
    expect(await screen.findByRole('heading', { level: 1, name: 'Rust' })).toBeTruthy();
    const related = screen.getByRole('region', { name: 'Related skills' });
    expect((await within(related).findByRole('alert')).textContent).toContain('Something went wrong on the server');
    expect(screen.getByText('No one has recorded this skill yet.')).toBeTruthy();
    expect(screen.getByText('No broader, narrower or related skills recorded.')).toBeTruthy();
  });

  it('shortens long alias lists', () => {
    expect(aliasText(['a', 'b'])).toBe('a, b');
    expect(aliasText(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });
});
