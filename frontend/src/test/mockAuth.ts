import type { AuthPerson, Me, OidcSignIn, Role } from '../auth/types';
import { ROLES } from '../auth/types';

export function authPerson(id: string, name: string, extra: Partial<AuthPerson> = {}): AuthPerson {
  return { id, externalId: `e${id}`, name, title: 'Records Manager', office: 'Belfast', ...extra };
}

export function meAs(person: AuthPerson | null, roles: Role[] = ['EMPLOYEE'], dev = false): Me {
  return { person, roles, via: 'SESSION', dev };
}

/** Who the page tests are signed in as, unless they say otherwise. */
export const employee = meAs(authPerson('p-me', 'Niamh Walsh', { title: 'Paralegal' }));

export const devPeople = [
  authPerson('p1', 'Aoife Byrne'),
  authPerson('p2', 'Ben Okafor', { title: 'Solicitor', office: null }),
  authPerson('p5', 'Bláthnaid Kelly', { title: null, office: 'Dublin' }),
  authPerson('p3', 'Mei Chen', { title: 'Data Engineer', office: 'Sydney' }),
];

export interface AuthRequest {
  method: string;
  path: string;
  body?: unknown;
}

/**
 * The server's /auth endpoints, as the contract describes them, over an
 * in-memory session: `me` is who the cookie says is signed in (null: nobody,
 * and then /graphql answers 401 too).
 */
export class FakeAuthServer {
  me: Me | null;
  devAuth: boolean;
  oidc: OidcSignIn;
  people: AuthPerson[];
  readonly requests: AuthRequest[] = [];

  constructor(options: { me?: Me | null; devAuth?: boolean; oidc?: OidcSignIn; people?: AuthPerson[] } = {}) {
    this.me = options.me === undefined ? employee : options.me;
    this.devAuth = options.devAuth ?? false;
    this.oidc = options.oidc ?? { enabled: false };
    this.people = options.people ?? devPeople;
  }

  handle(url: URL, init: RequestInit = {}): Response {
    const method = init.method ?? 'GET';
    const body = init.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
    this.requests.push({ method, path: url.pathname + url.search, ...(body === undefined ? {} : { body }) });
    const route = `${method} ${url.pathname}`;
    switch (route) {
      case 'GET /auth/config':
        return json({ devAuth: this.devAuth, oidc: this.oidc });
      case 'GET /auth/me':
        return this.me ? json(this.me) : unauthenticated();
      case 'GET /auth/dev/people': {
        if (!this.devAuth) return json({ error: 'not found' }, 404);
        const prefix = (url.searchParams.get('prefix') ?? '').toLowerCase();
        return json({ people: this.people.filter((p) => p.name.toLowerCase().startsWith(prefix)).slice(0, 20) });
      }
      case 'POST /auth/dev': {
        if (!this.devAuth) return json({ error: 'not found' }, 404);
        const { personId, role } = body as { personId?: string; role?: Role };
        const person = this.people.find((p) => p.id === personId || p.externalId === personId);
        if (!person) return json({ error: `no active person ${personId}` }, 400);
        if (!role || !ROLES.includes(role)) return json({ error: `unknown role ${role}` }, 400);
        this.me = meAs(person, [role], true);
        return json(this.me);
      }
      case 'POST /auth/signout':
        this.me = null;
        return new Response(null, { status: 204 });
      default:
        return json({ error: 'not found' }, 404);
    }
  }
}

/** What the server answers, on /graphql and /auth/me alike, to a request without a credential. */
export function unauthenticated(): Response {
  return json({ errors: [{ message: 'sign in first', extensions: { code: 'UNAUTHENTICATED' } }] }, 401);
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
