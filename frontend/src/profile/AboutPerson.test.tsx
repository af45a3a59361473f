import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fullPerson } from '../test/fixtures';
import { mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

const noNetwork = () => ({ person: { id: 'p2', network: { nodes: [], edges: [], truncated: false } } });

describe('A person’s page: about them and how to reach them', () => {
  it('shows the summary, topics, languages, working hours, contact actions and evidence links', async () => {
    mockApi({ Person: () => ({ person: fullPerson }), PersonNetwork: noNetwork });
    renderAt('/people/p2');
    const about = await screen.findByRole('region', { name: 'About' });
    expect(within(about).getByText('Employment law and records; ten years in the Belfast office.')).toBeTruthy();
    expect(
      within(within(about).getByRole('list', { name: 'Ask me about' }))
        .getAllByRole('listitem')
        .map((l) => l.textContent),
    ).toEqual(['Tribunal bundles', 'GDPR']);
    expect(within(about).getByText('English, ga')).toBeTruthy();
    expect(within(about).getByText('08:30–16:30, Mon–Thu')).toBeTruthy();
    expect(within(about).getByText('(Europe/London time)')).toBeTruthy();

    const contact = screen.getByRole('list', { name: 'Contact Ben Okafor' });
    const links = within(contact).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['E-mail', 'mailto:ben.okafor@example.org'],
      ['Teams chat', 'https://teams.microsoft.com/l/chat/0/0?users=ben.okafor@example.org'],
    ]);
    expect(links[1]?.getAttribute('rel')).toBe('noopener noreferrer');

    const evidence = within(screen.getByRole('list', { name: 'Evidence' }));
    const doc = evidence.getByRole('link', { name: 'Retention policy review 2026' });
    expect(doc.getAttribute('href')).toBe('https://intranet.example.org/documents/e1');
    expect(doc.getAttribute('rel')).toBe('noopener noreferrer');
    expect(evidence.getAllByRole('link')).toHaveLength(1);
  });

  it('shows nothing about them when they said nothing, and no actions without a way to reach them', async () => {
    const quiet = {
      ...fullPerson,
      summary: null,
      languages: [],
      askMeAbout: [],
      workingHours: null,
      contactActions: [],
    };
    mockApi({ Person: () => ({ person: quiet }), PersonNetwork: noNetwork });
    renderAt('/people/p2');
    await screen.findByRole('heading', { level: 1, name: /Ben Okafor/ });
    expect(screen.queryByRole('region', { name: 'About' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Contact Ben Okafor' })).toBeNull();
  });
});
