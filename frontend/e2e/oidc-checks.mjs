// The browser sign-in through a real, OpenID Certified identity provider
// (oidc-provider, see oidc-provider.mjs), on SQLite and on PostgreSQL. Tacit
// runs WITHOUT development sign-in, configured only with [auth.oidc] and
// discovering the provider from its issuer; Chromium goes through the
// provider's login and consent pages and back to Tacit's callback.
//
//   npm run build && node e2e/oidc-checks.mjs      (also part of npm run e2e)
//
// Environment as run.mjs (TACIT_BIN, E2E_DIST, CHROMIUM_PATH,
// E2E_READY_TIMEOUT_MS), plus TACIT_TEST_POSTGRES_URL (default
// postgres://postgres@127.0.0.1:5432/postgres). Without PostgreSQL the
// PostgreSQL half is skipped with a warning, unless CI=true: then it fails.
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgres, sqlite } from './backends.mjs';
import { launchBrowser, openPage, runChecks, waitUntil } from './harness.mjs';
import { startProvider } from './oidc-provider.mjs';
import { freePort, startTacit } from './server.mjs';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = resolve(process.env.TACIT_BIN || join(frontend, '../target/debug/tacit'));
const dist = resolve(process.env.E2E_DIST || join(frontend, 'dist'));
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const readyTimeoutMs = Number(process.env.E2E_READY_TIMEOUT_MS || 60_000);

const CLIENT_ID = 'tacit-e2e';
const ROLE_LABELS = { ADMIN: 'Admin', HR: 'HR' };

/** Tacit's [auth.oidc] for `provider`: endpoints and keys discovered from the issuer. */
const oidcConfig = (provider, base) => `[auth.oidc]
issuer = "${provider.issuer}"
audience = "${CLIENT_ID}"
client_id = "${CLIENT_ID}"
redirect_url = "${base}/auth/oidc/callback"
scopes = "openid email profile roles"
provider_name = "oidc-provider"
`;

/**
 * The provider, and a Tacit with the demo organisation that signs in only
 * through it, on `databaseUrl`. Provider accounts: `admin` and `hr`, two
 * active demo people (found with a setup API token) with those roles.
 */
async function startSystem(databaseUrl) {
  const accounts = new Map();
  const tacitPort = await freePort();
  const base = `http://127.0.0.1:${tacitPort}`;
  const provider = await startProvider({ port: await freePort(), clientId: CLIENT_ID, redirectUri: `${base}/auth/oidc/callback`, accounts });
  let tacit;
  try {
    tacit = await startTacit({
      bin, dist, readyTimeoutMs, databaseUrl, port: tacitPort, devAuth: false,
      config: oidcConfig(provider, base),
      env: { TACIT_OIDC_CLIENT_SECRET: provider.clientSecret },
    });
    const token = (await tacit.cli(['token', 'create', '--role', 'admin', '--name', 'e2e: find people for the identity provider'])).trim();
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ people(first: 20, filter: { status: ACTIVE }) { nodes { id name email } } }' }),
    });
    const people = (await res.json()).data?.people?.nodes?.filter((p) => p.email) ?? [];
    assert.ok(people.length >= 2, `the demo organisation should have two active people with e-mail addresses (HTTP ${res.status})`);
    const account = (login, person, roles) => {
      accounts.set(login, { email: person.email, email_verified: true, name: person.name, roles });
      return { login, person, role: roles[0].toUpperCase() };
    };
    return {
      base, provider, tacit, accounts,
      admin: account('admin', people[0], ['admin']),
      hr: account('hr', people[1], ['hr']),
    };
  } catch (e) {
    await tacit?.stop();
    await provider.stop();
    throw e;
  }
}

/** What went wrong on both servers, for a failure message. */
const diagnosis = (system) => `provider errors: ${JSON.stringify(system.provider.errors())}\n--- tacit output (tail) ---\n${system.tacit.output().slice(-3000)}`;

/**
 * Signs a new browser context in as provider account `login` through
 * Tacit's sign-in page, the provider's login form and its consent page;
 * returns the context (signed in, on Tacit's search page) and what `me`
 * says over GraphQL with its session cookie. The caller closes the context.
 * A scenario that must be refused can pass `expectError` (the code Tacit
 * puts in /signin?error=…): the context is then returned on that page.
 */
async function signInThroughProvider(browser, system, login, { expectError } = {}) {
  const { base, provider } = system;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: base, locale: 'en-GB' });
  context.setDefaultTimeout(15_000);
  // The provider's own pages link a web font; the check stays on this machine.
  await context.route('https://fonts.googleapis.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
  const page = await openPage(context, base, { expected: [{ status: 401, path: '/auth/me' }] });
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: 'Sign in to Tacit' }).waitFor();
  assert.equal(await page.getByLabel('Person to sign in as').count(), 0, 'development sign-in is offered, but Tacit runs without --dev-auth');
  await page.getByRole('link', { name: 'Sign in with your organisation account' }).click();

  await page.waitForURL(`${provider.issuer}/interaction/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The provider asks for consent the first time this account signs in to Tacit in this browser.
  const onTacit = (url) => url.origin === base;
  const consent = page.getByRole('button', { name: 'Continue' });
  await waitUntil(async () => onTacit(new URL(page.url())) || (await consent.isVisible()), `neither the consent page nor Tacit after the provider's login (at ${page.url()})`, 15_000);
  if (!onTacit(new URL(page.url()))) await consent.click();
  await page.waitForURL((url) => onTacit(url) && !url.pathname.startsWith('/auth/'));

  const url = new URL(page.url());
  if (expectError) {
    assert.equal(url.pathname, '/signin', `the sign-in as ${login} should be refused, but Tacit opened ${url}`);
    assert.equal(url.searchParams.get('error'), expectError, `refused for another reason: ${url}`);
    await page.close();
    return { context };
  }
  assert.notEqual(url.pathname, '/signin', `the sign-in as ${login} was refused (${url}); ${diagnosis(system)}`);
  await page.getByRole('heading', { level: 1, name: 'Find an expert' }).waitFor();
  const me = await context.request.post(`${base}/graphql`, { data: { query: '{ me { person { id name } roles via } }' } });
  assert.equal(me.status(), 200, 'POST /graphql with the session cookie');
  const body = await me.json();
  return { context, page, me: body.data?.me ?? assert.fail(`me: ${JSON.stringify(body)}`) };
}

/** Signs in as `who` (an account of startSystem) and checks the header and `me` name that person and role. */
async function signInAndCheck(browser, system, who) {
  const { context, page, me } = await signInThroughProvider(browser, system, who.login);
  try {
    const account = page.locator('.account');
    await account.locator('.account__name').getByText(who.person.name, { exact: true }).waitFor();
    // Everyone signed in is an employee too.
    assert.equal((await account.locator('.account__roles').textContent()).trim(), `(Employee, ${ROLE_LABELS[who.role]})`);
    assert.deepEqual(me, { person: { id: who.person.id, name: who.person.name }, roles: ['EMPLOYEE', who.role], via: 'SESSION' });
    const cookies = await context.cookies(system.base);
    const session = cookies.find((c) => c.name === 'tacit_session');
    assert.ok(session?.httpOnly, `an HttpOnly tacit_session cookie (cookies: ${cookies.map((c) => c.name).join(', ')})`);
    page.assertClean();
  } finally {
    await context.close();
  }
}

function checksFor(browser, system, backend) {
  return [
    [`${backend}: development sign-in is off when only the identity provider is configured`, async () => {
      const res = await fetch(`${system.base}/auth/dev/people?prefix=`);
      assert.ok([403, 404].includes(res.status), `GET /auth/dev/people answered ${res.status}`);
    }],
    [`${backend}: an admin signs in through oidc-provider (login, consent, callback) and is named with their role`, () =>
      signInAndCheck(browser, system, system.admin)],
    [`${backend}: a second provider account signs in as HR`, () =>
      signInAndCheck(browser, system, system.hr)],
    [`${backend}: after the provider rotates to a new signing key, a fresh browser signs in again`, async () => {
      const before = system.provider.lastIdTokenKid();
      assert.ok(before, 'an ID token was issued by the earlier sign-ins');
      await system.provider.rotate(`e2e-key-rotated-${Date.now()}`);
      await signInAndCheck(browser, system, system.admin);
      assert.equal(system.provider.lastIdTokenKid(), system.provider.signingKid(), 'the last ID token was signed with the new key');
      assert.notEqual(system.provider.lastIdTokenKid(), before);
    }],
  ];
}

let browser;
let passed = 0;
let failed = 0;
try {
  browser = await launchBrowser(chromiumPath);
  for (const backend of [sqlite, postgres]) {
    let db;
    let system;
    try {
      db = await backend.create();
      if (!db) continue;
      system = await startSystem(db.databaseUrl);
      console.log(`${backend.name}: tacit at ${system.base}, oidc-provider at ${system.provider.issuer}`);
      const result = await runChecks(checksFor(browser, system, backend.name));
      passed += result.passed;
      failed += result.failed;
      if (result.failed > 0) console.log(diagnosis(system));
    } catch (e) {
      failed += 1;
      console.log(`FAIL ${backend.name}: setup\n     ${String(e.stack ?? e).replace(/\n/g, '\n     ')}`);
    } finally {
      await system?.tacit.stop();
      await system?.provider.stop();
      await db?.drop().catch((e) => {
        failed += 1;
        console.log(`FAIL ${backend.name}: cannot drop the test database: ${e.message}`);
      });
    }
  }
} finally {
  await browser?.close().catch(() => {});
}
console.log(`oidc: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
