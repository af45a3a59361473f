import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { offices } from '../test/fixtures';
import { mockApi } from '../test/mockApi';
import { FakeAuthServer } from '../test/mockAuth';
import { renderApp } from '../test/render';

const box = () => screen.getByRole('combobox', { name: 'Person to sign in as' }) as HTMLInputElement;
const options = () => within(screen.getByRole('listbox', { name: 'Matching people' })).queryAllByRole('option');
const optionNames = () => options().map((o) => o.querySelector('.picker__name')?.textContent);
const selected = () =>
  options()
    .filter((o) => o.getAttribute('aria-selected') === 'true')
    .map((o) => o.querySelector('.picker__name')?.textContent);

/** The sign-in page of a server with development sign-in, nobody signed in yet. */
async function devSignInPage() {
  const server = new FakeAuthServer({ me: null, devAuth: true });
  mockApi({ Offices: () => ({ offices }) }, server);
  renderApp('/');
  await screen.findByRole('heading', { level: 2, name: 'Development sign-in' });
  await waitFor(() => expect(optionNames()).toEqual(['Aoife Byrne', 'Ben Okafor', 'Bláthnaid Kelly', 'Mei Chen']));
  return server;
}

describe('Development sign-in', () => {
  it('finds people by name, chooses one and a role, and posts them', async () => {
    const server = await devSignInPage();
    expect(screen.getByText('Development sign-in: anyone can act as anyone. Not for real data.')).toBeTruthy();

    await userEvent.type(box(), 'b');
    await waitFor(() => expect(optionNames()).toEqual(['Ben Okafor', 'Bláthnaid Kelly']));
    expect(screen.getByText('2 people whose name starts with “b”.')).toBeTruthy();
    expect(server.requests.filter((r) => r.path.startsWith('/auth/dev/people')).map((r) => r.path)).toEqual([
      '/auth/dev/people?prefix=',
      '/auth/dev/people?prefix=b',
    ]);
    expect(options()[1]?.textContent).toContain('Dublin');

    await userEvent.click(screen.getByRole('option', { name: /Ben Okafor/ }));
    expect(selected()).toEqual(['Ben Okafor']);
    expect(screen.getByText(/You will sign in as/).textContent).toBe('You will sign in as Ben Okafor.');
    expect((screen.getByRole('radio', { name: 'Employee' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByRole('radio', { name: 'HR' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Find an expert' })).toBeTruthy();
    expect(server.requests.find((r) => r.method === 'POST')).toEqual({
      method: 'POST',
      path: '/auth/dev',
      body: { personId: 'p2', role: 'HR' },
    });
    expect(screen.getByRole('banner').textContent).toContain('Signed in as Ben Okafor (HR)');
    expect(screen.getByRole('region', { name: 'Development sign-in warning' })).toBeTruthy();
  });

  it('works from the keyboard: arrows choose, Enter signs in', async () => {
    const server = await devSignInPage();
    await userEvent.click(box());
    await userEvent.keyboard('{ArrowDown}');
    expect(selected()).toEqual(['Aoife Byrne']);
    expect(box().getAttribute('aria-activedescendant')).toBe(options()[0]?.id);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(selected()).toEqual(['Ben Okafor']);
    expect(document.activeElement).toBe(box());

    // The role comes next in the tab order (jsdom cannot walk radio buttons with arrows; browsers do).
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Employee' }));
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(box());
    await userEvent.keyboard('{Enter}');

    expect(await screen.findByRole('heading', { level: 1, name: 'Find an expert' })).toBeTruthy();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({ personId: 'p2', role: 'EMPLOYEE' });
  });

  it('asks for a person before signing in, and explains what the server refused', async () => {
    const server = await devSignInPage();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Choose a person to sign in as: type the start of a name, then pick someone from the list.',
    );
    expect(document.activeElement).toBe(box());
    expect(box().getAttribute('aria-invalid')).toBe('true');
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);

    await userEvent.click(screen.getByRole('option', { name: /Mei Chen/ }));
    expect(screen.queryByRole('alert')).toBeNull();
    server.people = server.people.filter((p) => p.name !== 'Mei Chen'); // Mei left in the meantime.
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The server did not accept this sign-in (no active person p3). Choose a person from the list and a role, then try again.',
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in to Tacit' })).toBeTruthy();
  });

  it('says when no name matches', async () => {
    await devSignInPage();
    await userEvent.type(box(), 'zz');
    expect(
      await screen.findByText('Nobody’s name starts with “zz”. Check the spelling, or type fewer letters.'),
    ).toBeTruthy();
    expect(options()).toEqual([]);
    expect(box().getAttribute('aria-expanded')).toBe('false');
  });
});
