import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { connection, mockApi } from '../test/mockApi';
import { authPerson, employee, FakeAuthServer, json, meAs } from '../test/mockAuth';
import { renderApp, renderAt } from '../test/render';
import { AuthGate } from './AuthGate';
import { useMe } from './context';

const WARNING = 'Development sign-in: anyone can act as anyone. Not for real data.';
const banner = () => screen.queryByRole('region', { name: 'Development sign-in warning' });
const signInHeading = () => screen.findByRole('heading', { level: 1, name: 'Sign in to Tacit' });
const communities = () => ({ communities: connection([], 50) });

describe('Signing in', () => {
  it('asks the server who is signed in, and shows the app with their name and roles', async () => {
    const server = new FakeAuthServer({ me: meAs(authPerson('p1', 'Aoife Byrne'), ['EMPLOYEE', 'ADMIN']) });
    mockApi({ Communities: communities }, server);
    renderApp('/communities');
    expect(screen.getByRole('status').textContent).toContain('Loading Tacit…');
    expect(await screen.findByRole('heading', { level: 1, name: 'Communities' })).toBeTruthy();
    const header = screen.getByRole('banner');
    expect(header.textContent).toContain('Signed in as Aoife Byrne (Employee, Admin)');
    expect(within(header).getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(banner()).toBeNull();
    expect(screen.queryByText(WARNING)).toBeNull();
    expect(server.requests.map((r) => r.path)).toEqual(['/auth/me']);
  });

  it('shows the development warning on every page only after a development sign-in', async () => {
    mockApi({ Communities: communities, Skills: () => ({ skills: connection([], 50) }) });
    renderAt('/communities', meAs(authPerson('p1', 'Aoife Byrne'), ['HR'], true));
    expect(banner()?.textContent).toBe(WARNING);
    await userEvent.click(screen.getByRole('link', { name: 'Skills' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Skills' })).toBeTruthy();
    expect(banner()?.textContent).toBe(WARNING);
  });

  it('explains that an identity provider is needed when development sign-in is off', async () => {
    const server = new FakeAuthServer({ me: null, devAuth: false });
    mockApi({}, server);
    renderApp('/people');
    await signInHeading();
    expect(await screen.findByText(/configure OIDC sign-in/)).toBeTruthy();
    expect(screen.getByText(/through your organisation’s identity provider/)).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(server.requests.map((r) => r.path)).toEqual(['/auth/me', '/auth/config']);
  });

  it('says so in plain words when the server cannot be reached, and tries again', async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockImplementation(async () => json(employee));
    vi.stubGlobal('fetch', fetch);
    renderApp('/no/such/page');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not reach the Tacit server. Check your connection and try again.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(fetch.mock.calls[1]?.[1]).toMatchObject({ credentials: 'same-origin' });
  });

  it('signs out and returns to the sign-in page', async () => {
    const server = new FakeAuthServer({ devAuth: true });
    mockApi({ Communities: communities }, server);
    renderAt('/communities');
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await signInHeading();
    expect(screen.getByText('You have signed out.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Sign in to Tacit' }));
    expect(server.requests.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', path: '/auth/signout' }]);
    expect(server.me).toBeNull();
  });

  it('returns to the sign-in page when a query finds the session ended (HTTP 401)', async () => {
    const server = new FakeAuthServer({ devAuth: true });
    mockApi({ Communities: communities }, server);
    server.me = null; // The session expired: /graphql now answers 401.
    renderAt('/communities');
    await signInHeading();
    expect(screen.getByRole('alert').textContent).toBe('Your session ended; sign in again.');
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();

    // Signing in again brings back the page that was open.
    await userEvent.click(await screen.findByRole('option', { name: /Mei Chen/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Communities' })).toBeTruthy();
    expect(screen.getByRole('banner').textContent).toContain('Signed in as Mei Chen (Employee)');
  });

  it('gives pages the signed-in person through useMe()', () => {
    function Probe() {
      const me = useMe();
      return <p>{`${me.person?.id} ${me.roles.join(',')}`}</p>;
    }
    render(
      <AuthGate initialMe={meAs(authPerson('p7', 'Ana Lima'), ['HR', 'ADMIN'])}>
        <Probe />
      </AuthGate>,
    );
    expect(screen.getByText('p7 HR,ADMIN')).toBeTruthy();
  });
});
