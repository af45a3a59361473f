// A real, OpenID Certified identity provider for the browser checks: panva's
// `oidc-provider`, in this process, on 127.0.0.1. Its own login and consent
// pages (the "devInteractions" views: any password is accepted, the login
// names the account) stand in for an organisation's sign-in screens.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

/** An RS256 signing key as a private JWK, named `kid`. */
export function signingKey(kid) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
}

/**
 * Starts the provider at `http://<host>:<port>` (listening on 127.0.0.1
 * whatever `host` is: `localhost` makes the provider another site than a
 * Tacit on 127.0.0.1, as in production). One confidential client may sign
 * in, with PKCE required, and return only to `redirectUri`.
 *
 * `accounts` maps a login to its claims (`sub` is the login); it is read at
 * every sign-in, so a check may add or change accounts while the provider
 * runs. `rotate()` restarts the provider on the same address signing with a
 * new key, the old one still published after it. `claimsInIdToken: false`
 * keeps the provider's default of giving scope claims through userinfo only.
 */
export async function startProvider({
  port,
  host = 'localhost',
  clientId,
  redirectUri,
  accounts,
  claimsInIdToken = true,
}) {
  const issuer = `http://${host}:${port}`;
  const clientSecret = randomBytes(24).toString('base64url');
  let keys = [signingKey('e2e-key-1')];
  let server;
  /** The key id of each ID token issued, in order. */
  const issuedKids = [];

  const configuration = () => ({
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    // The first key of an algorithm signs; the others are only published.
    jwks: { keys },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile', 'roles'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], roles: ['roles'] },
    // Tacit reads the person and roles from the ID token only, never from
    // the userinfo endpoint. By default (conformIdTokenClaims, OpenID
    // Connect Core 5.4) this provider puts claims asked for by scope in
    // userinfo alone when it also issues an access token, as in the code
    // flow; Tacit then finds no `email` claim and refuses the sign-in.
    conformIdTokenClaims: !claimsInIdToken,
    findAccount: async (_ctx, sub) => {
      const claims = accounts.get(sub);
      return claims && { accountId: sub, claims: async () => ({ ...claims, sub }) };
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>oidc-provider error</title><h1>Identity provider error</h1><pre id="error">${JSON.stringify(out).replace(/</g, '&lt;')}</pre>`;
    },
  });

  const listen = async () => {
    const provider = new Provider(issuer, configuration());
    const errors = [];
    for (const event of ['server_error', 'authorization.error', 'grant.error', 'userinfo.error']) {
      provider.on(event, (_ctx, e) =>
        errors.push(`${event}: ${e.message}${e.error_description ? ` (${e.error_description})` : ''}`),
      );
    }
    const handle = provider.callback();
    // No kept-alive connections: a client must not reuse one to the provider that rotate() closed.
    provider.on('grant.success', (ctx) => {
      const token = ctx.body?.id_token;
      if (token) issuedKids.push(JSON.parse(Buffer.from(token.split('.')[0], 'base64url')).kid);
    });
    server = createServer((req, res) => {
      res.shouldKeepAlive = false;
      handle(req, res);
    });
    server.errors = errors;
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
  };
  const stop = () =>
    new Promise((resolve) => {
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
      server = undefined;
    });

  await listen();
  return {
    issuer,
    clientId,
    clientSecret,
    /** The key id the provider signs with now. */
    signingKid: () => keys[0].kid,
    /** The key id of the last ID token the provider issued. */
    lastIdTokenKid: () => issuedKids.at(-1),
    /** What the provider refused or failed on since it last started, for failure messages. */
    errors: () => server?.errors ?? [],
    async rotate(kid) {
      keys = [signingKey(kid), ...keys];
      await stop();
      await listen();
    },
    stop,
  };
}
