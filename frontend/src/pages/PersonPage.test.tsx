import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fullPerson } from '../test/fixtures';
import { mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

describe('Person page', () => {
  it('shows skills with level and source, communities, evidence, manager and leaving date', async () => {
    const calls = mockApi({ Person: () => ({ person: fullPerson }) });
    renderAt('/people/p%2F2');
    expect(await screen.findByRole('heading', { level: 1, name: /Ben Okafor/ })).toBeTruthy();
    expect(calls[0]?.variables).toEqual({ id: 'p/2' });

    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['Retention schedules', '5 · Expert', 'From a handover interview', '1 October 2026'],
      ['GDPR', '3 · Practitioner', 'Self-declared', '—'],
    ]);
    expect(screen.getByRole('link', { name: 'Records Management' }).getAttribute('href')).toBe('/communities/c-rm');
    expect(screen.getByText('· Lead')).toBeTruthy();
    const evidence = within(screen.getByRole('list', { name: 'Evidence' })).getAllByRole('listitem');
    expect(evidence.map((e) => e.textContent)).toEqual(['Retention policy review 2026 · Document', 'Untitled · Answer']);
    expect(screen.getByRole('link', { name: 'Aoife Byrne' }).getAttribute('href')).toBe('/people/p1');
    expect(screen.getByText('Leaving on 31 January 2027')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Ben Okafor · Tacit'));
  });

  it('says so when the person does not exist', async () => {
    mockApi({ Person: () => ({ person: null }) });
    renderAt('/people/nobody');
    expect(await screen.findByRole('heading', { name: 'Person not found' })).toBeTruthy();
  });
});
