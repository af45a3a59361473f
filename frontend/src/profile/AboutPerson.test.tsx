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
    // A tag reads as the language's name; a name stays as written.
    expect(within(about).getByText('English, Irish')).toBeTruthy();
    expect(within(about).getByText('08:30–16:30, Mon–Thu')).toBeTruthy();
    expect(within(about).getByText('(Europe/London time)')).toBeTruthy();

    const contact = screen.getByRole('list', { name: 'Contact Ben Okafor' });
    const links = within(contact).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['E-mail', 'mailto:ben.okafor@example.org'],
      ['Teams chat', 'https://teams.microsoft.com/l/chat/0/0?users=ben.okafor@example.org'],
    ]);

    const evidence = within(screen.getByRole('list', { name: 'Evidence' }));
    const doc = evidence.getByRole('link', { name: 'Retention policy review 2026' });
    expect(doc.getAttribute('href')).toBe('https://intranet.example.org/documents/e1');
    // Leaving for another site does not tell it which colleague's page you came from.
    expect(doc.getAttribute('rel')).toBe('noreferrer');
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

  it('never puts a script or data link on the page, whatever the server sends', async () => {
    const odd = {
      ...fullPerson,
      contactActions: [
        { label: 'Chat', url: 'javascript:alert(1)' },
        { label: 'Chat', url: 'data:text/html,<b>hi</b>' },
        { label: 'E-mail', url: 'mailto:ben.okafor@example.org' },
      ],
      evidence: [{ id: 'e9', title: 'Odd', kind: 'document', url: 'javascript:alert(2)' }],
    };
    mockApi({ Person: () => ({ person: odd }), PersonNetwork: noNetwork });
    renderAt('/people/p2');
    const contact = await screen.findByRole('list', { name: 'Contact Ben Okafor' });
    expect(
      within(contact)
        .getAllByRole('link')
        .map((l) => l.getAttribute('href')),
    ).toEqual(['mailto:ben.okafor@example.org']);
    const evidence = within(screen.getByRole('list', { name: 'Evidence' }));
    expect(evidence.queryAllByRole('link')).toHaveLength(0);
    expect(evidence.getByText('Odd')).toBeTruthy();
  });
});
