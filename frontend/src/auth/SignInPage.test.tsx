import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { connection, mockApi } from '../test/mockApi';
import { FakeAuthServer } from '../test/mockAuth';
import { renderApp } from '../test/render';
import { safeNext, signInError } from './signInErrors';

const OIDC = { enabled: true, loginUrl: '/auth/oidc/login' };
const orgLink = () => screen.findByRole('link', { name: 'Sign in with your organisation account' });
const heading = () => screen.getByRole('heading', { level: 1, name: 'Sign in to Tacit' });

/** The app at `path` with nobody signed in, on a server offering what `options` say. */
function signedOutAt(path: string, options: ConstructorParameters<typeof FakeAuthServer>[0] = {}) {
  const server = new FakeAuthServer({ me: null, ...options });
  mockApi({ Communities: () => ({ communities: connection([], 50) }) }, server);
  renderApp(path);
  return server;
}

describe('Sign-in through the organisation account', () => {
  it('links to the server’s sign-in, returning to the page that was open', async () => {
    const server = signedOutAt('/people/p1?tab=skills', { oidc: { ...OIDC, providerName: 'Example SSO' } });
    const link = await orgLink();
    expect(link.getAttribute('href')).toBe('/auth/oidc/login?next=%2Fpeople%2Fp1%3Ftab%3Dskills');
    expect(screen.getByRole('heading', { level: 2, name: 'Your organisation account' })).toBeTruthy();
    expect(screen.getByText(/the account you use for your organisation’s other systems \(Example SSO\)/)).toBeTruthy();
    // Only what the server offers: no development picker, no "ask someone to configure it".
    expect(screen.queryByRole('heading', { name: 'Development sign-in' })).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByText(/configure OIDC sign-in/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(server.requests.map((r) => r.path)).toEqual(['/auth/me', '/auth/config']);

    // Reached from the keyboard: the first stop on the page.
    await userEvent.tab();
    expect(document.activeElement).toBe(link);
  });

  it('offers both when the server also has development sign-in, the organisation’s first', async () => {
    signedOutAt('/', { oidc: OIDC, devAuth: true });
    const link = await orgLink();
    const dev = await screen.findByRole('heading', { level: 2, name: 'Development sign-in' });
    expect(link.getAttribute('href')).toBe('/auth/oidc/login?next=%2F');
    expect(link.compareDocumentPosition(dev) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Person to sign in as' })).toBeTruthy();
  });

  it('explains a refused sign-in in plain words, with what to do, and tries the same page again', async () => {
    signedOutAt('/signin?error=unknown_person&next=%2Fcommunities', { oidc: OIDC });
    const link = await orgLink();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(
      'Your organisation account is not linked to anyone in Tacit.' +
        'Ask whoever runs Tacit for your organisation to add you, with the e-mail address of your organisation account.',
    );
    expect(document.activeElement).toBe(heading());
    expect(link.getAttribute('href')).toBe('/auth/oidc/login?next=%2Fcommunities');
  });

  it('says what went wrong for each reason the server gives, and something useful for any other', async () => {
    signedOutAt('/signin?error=unavailable', { oidc: OIDC });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Tacit could not reach your organisation’s sign-in service just now.Please try again in a few minutes.',
    );
    expect((await orgLink()).getAttribute('href')).toBe('/auth/oidc/login?next=%2F');
    for (const code of ['state', 'denied', 'provider', 'unavailable', 'token', 'unknown_person', 'left']) {
      expect(signInError(code)).not.toEqual(signInError('something-new'));
      expect(signInError(code).action).toMatch(/\.$/);
    }
    expect(signInError('something-new').text).toBe('The sign-in did not work.');
    expect(signInError('constructor').text).toBe('The sign-in did not work.');
  });

  it('never sends the browser to another site afterwards', async () => {
    signedOutAt('/signin?error=state&next=%2F%2Fevil.example', { oidc: OIDC });
    expect((await orgLink()).getAttribute('href')).toBe('/auth/oidc/login?next=%2F');
    expect(screen.getByRole('alert').textContent).toContain('The sign-in was interrupted or took too long');
    expect(safeNext('/people/p1?tab=skills')).toBe('/people/p1?tab=skills');
    for (const bad of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'people', '', null, undefined]) {
      expect(safeNext(bad)).toBe('/');
    }
  });

  it('shows no error outside the sign-in path, and the usual notice when nothing is configured', async () => {
    signedOutAt('/people?error=token');
    expect(await screen.findByText(/configure OIDC sign-in/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Sign in with your organisation account' })).toBeNull();
  });

  it('goes on to the page the failed sign-in was for after signing in another way', async () => {
    const server = signedOutAt('/signin?error=token&next=%2Fcommunities', { oidc: OIDC, devAuth: true });
    await userEvent.click(await screen.findByRole('option', { name: /Mei Chen/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Communities' })).toBeTruthy();
    await waitFor(() => expect(server.me?.person?.name).toBe('Mei Chen'));
  });
});
