/** The shapes the server's /auth endpoints answer with. */

export const ROLES = ['EMPLOYEE', 'HR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** A person as /auth/me and /auth/dev/people describe them. */
export interface AuthPerson {
  /** Global id, usable wherever the GraphQL API takes a person id. */
  id: string;
  externalId: string;
  name: string;
  title: string | null;
  office: string | null;
}

/** Who is signed in. `person` is null for a credential that is not a person's (e.g. a service token). */
export interface Me {
  person: AuthPerson | null;
  roles: Role[];
  via: 'SESSION' | 'TOKEN' | 'JWT';
  /** Signed in through development sign-in, where anyone can act as anyone. */
  dev: boolean;
}

/** The sign-in through the organisation's identity provider (OIDC), run by the server. */
export interface OidcSignIn {
  enabled: boolean;
  /** Where the browser goes to start it; the server sends it on to the identity provider. */
  loginUrl?: string;
  /** What to call the identity provider, when the server names it. */
  providerName?: string;
}

export interface AuthConfig {
  devAuth: boolean;
  /** Missing from servers that predate the identity provider's sign-in. */
  oidc?: OidcSignIn;
}

const ROLE_LABELS: Record<Role, string> = { EMPLOYEE: 'Employee', HR: 'HR', ADMIN: 'Admin' };

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role.charAt(0) + role.slice(1).toLowerCase();
}
