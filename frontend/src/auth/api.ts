import { ApiError } from '../api/client';
import type { AuthConfig, AuthPerson, Me, Role } from './types';

/** The server's sign-in endpoints, beside /graphql. The session is an HttpOnly cookie the browser sends itself. */
export const AUTH_PATHS = {
  config: '/auth/config',
  me: '/auth/me',
  devPeople: '/auth/dev/people',
  devSignIn: '/auth/dev',
  signOut: '/auth/signout',
} as const;

const UNREACHABLE = 'Could not reach the Tacit server. Check your connection and try again.';
const DEV_AUTH_OFF = 'Development sign-in is turned off on this server. Reload the page to see how to sign in.';

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...init.headers },
    });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new ApiError(UNREACHABLE, 'NETWORK');
  }
}

async function readJson<T>(response: Response): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(
      `The server sent an answer we could not read (HTTP ${response.status}). Please try again.`,
      'BAD_RESPONSE',
    );
  }
}

function failed(response: Response): ApiError {
  return new ApiError(
    `The server could not answer (HTTP ${response.status}). Please try again in a moment.`,
    'BAD_RESPONSE',
  );
}

/** Who is signed in, or null when nobody is (HTTP 401). */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  const response = await send(AUTH_PATHS.me, { signal });
  if (response.status === 401) return null;
  if (!response.ok) throw failed(response);
  return readJson<Me>(response);
}

/** How this server signs people in. */
export async function fetchAuthConfig(signal?: AbortSignal): Promise<AuthConfig> {
  const response = await send(AUTH_PATHS.config, { signal });
  if (!response.ok) throw failed(response);
  return readJson<AuthConfig>(response);
}

/** Development sign-in only: up to 20 active people whose name starts with `prefix`. */
export async function findDevPeople(prefix: string, signal?: AbortSignal): Promise<AuthPerson[]> {
  const response = await send(`${AUTH_PATHS.devPeople}?${new URLSearchParams({ prefix })}`, { signal });
  if (response.status === 404) throw new ApiError(DEV_AUTH_OFF, 'NOT_FOUND');
  if (!response.ok) throw failed(response);
  return (await readJson<{ people: AuthPerson[] }>(response)).people;
}

/** Development sign-in only: act as `personId` (global or external id) with `role`; the server sets the session cookie. */
export async function devSignIn(personId: string, role: Role): Promise<Me> {
  const response = await send(AUTH_PATHS.devSignIn, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personId, role }),
  });
  if (response.status === 400) {
    const reason = await readJson<{ error?: string }>(response).then(
      (b) => b.error,
      () => undefined,
    );
    throw new ApiError(
      `The server did not accept this sign-in${reason ? ` (${reason})` : ''}. Choose a person from the list and a role, then try again.`,
      'BAD_USER_INPUT',
    );
  }
  if (response.status === 404) throw new ApiError(DEV_AUTH_OFF, 'NOT_FOUND');
  if (!response.ok) throw failed(response);
  return readJson<Me>(response);
}

/** Ends the session; the server clears the cookie. Signing out when already signed out is fine. */
export async function signOut(): Promise<void> {
  const response = await send(AUTH_PATHS.signOut, { method: 'POST' });
  if (!response.ok && response.status !== 401) throw failed(response);
}
