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
// Each Tacit gets a fresh audit key in TACIT_AUDIT_KEY (PostgreSQL refuses
// to start without one; SQLite would make a key file beside the database).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
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
  const provider = await startProvider({
    port: await freePort(),
    clientId: CLIENT_ID,
    redirectUri: `${base}/auth/oidc/callback`,
    accounts,
  });
  let tacit;
  try {
    tacit = await startTacit({
      bin,
      dist,
      readyTimeoutMs,
      databaseUrl,
      port: tacitPort,
      devAuth: false,
      config: oidcConfig(provider, base),
      env: { TACIT_OIDC_CLIENT_SECRET: provider.clientSecret, TACIT_AUDIT_KEY: randomBytes(32).toString('hex') },
    });
    const token = (
      await tacit.cli(['token', 'create', '--role', 'admin', '--name', 'e2e: find people for the identity provider'])
    ).trim();
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ people(first: 20, filter: { status: ACTIVE }) { nodes { id name email } } }' }),
    });
    const people = (await res.json()).data?.people?.nodes?.filter((p) => p.email) ?? [];
    assert.ok(
      people.length >= 2,
      `the demo organisation should have two active people with e-mail addresses (HTTP ${res.status})`,
    );
    const account = (login, person, roles) => {
      accounts.set(login, { email: person.email, email_verified: true, name: person.name, roles });
      return { login, person, role: roles[0].toUpperCase() };
    };
    return {
      base,
      provider,
      tacit,
      accounts,
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
const diagnosis = (system) =>
  `provider errors: ${JSON.stringify(system.provider.errors())}\n--- tacit output (tail) ---\n${system.tacit.output().slice(-3000)}`;

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
  await context.route('https://fonts.googleapis.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
  );
  const page = await openPage(context, base, { expected: [{ status: 401, path: '/auth/me' }] });
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: 'Sign in to Tacit' }).waitFor();
  assert.equal(
    await page.getByLabel('Person to sign in as').count(),
    0,
    'development sign-in is offered, but Tacit runs without --dev-auth',
  );
  await page.getByRole('link', { name: 'Sign in with your organisation account' }).click();

  await page.waitForURL(`${provider.issuer}/interaction/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The provider asks for consent the first time this account signs in to Tacit in this browser.
  const onTacit = (url) => url.origin === base;
  const consent = page.getByRole('button', { name: 'Continue' });
  await waitUntil(
    async () => onTacit(new URL(page.url())) || (await consent.isVisible()),
    `neither the consent page nor Tacit after the provider's login (at ${page.url()})`,
    15_000,
  );
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
  const me = await context.request.post(`${base}/graphql`, {
    data: { query: '{ me { person { id name } roles via } }' },
  });
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
    assert.equal(
      (await account.locator('.account__roles').textContent()).trim(),
      `(Employee, ${ROLE_LABELS[who.role]})`,
    );
    assert.deepEqual(me, {
      person: { id: who.person.id, name: who.person.name },
      roles: ['EMPLOYEE', who.role],
      via: 'SESSION',
    });
    const cookies = await context.cookies(system.base);
    const session = cookies.find((c) => c.name === 'tacit_session');
    assert.ok(
      session?.httpOnly,
      `an HttpOnly tacit_session cookie (cookies: ${cookies.map((c) => c.name).join(', ')})`,
    );
    page.assertClean();
  } finally {
    await context.close();
  }
}

/** POSTs one GraphQL operation with `context`'s session cookie, as the web app does; returns the JSON body. */
async function graphql(context, system, query, variables = {}) {
  const res = await context.request.post(`${system.base}/graphql`, {
    headers: { accept: 'application/graphql-response+json, application/json' },
    data: { query, variables },
  });
  const body = await res.json().catch(() => assert.fail(`POST /graphql answered HTTP ${res.status()} without JSON`));
  return { status: res.status(), ...body };
}

const UPDATE_EMAIL =
  'mutation ($id: ID!, $email: String) { updatePerson(input: { id: $id, email: $email }) { person { id email } } }';
const PERSON_EMAIL = 'query ($id: ID!) { person(id: $id) { id email } }';

/**
 * H1 (issue 19): HR gave an admin's person their own address, signed in
 * through the identity provider and held ADMIN. Now a person is bound to
 * the provider account (`sub`) that first signed in as them, and only an
 * admin may change the address of someone who holds a role.
 */
async function accountTakeoverIsRefused(browser, system, backend) {
  const { admin, hr, accounts } = system;
  const emailOf = async (context) => {
    const body = await graphql(context, system, PERSON_EMAIL, { id: admin.person.id });
    return body.data?.person?.email ?? assert.fail(`person(id: admin): ${JSON.stringify(body)}`);
  };
  // 1. The admin's provider account signs in (again, if an earlier check did): the admin person is bound to its sub.
  const asAdmin = await signInThroughProvider(browser, system, admin.login);
  const contexts = [asAdmin.context];
  try {
    assert.equal(asAdmin.me.person.id, admin.person.id);
    assert.ok(asAdmin.me.roles.includes('ADMIN'), `the admin signs in with ADMIN: ${JSON.stringify(asAdmin.me)}`);
    // The finding's admin holds ADMIN as a grant in Tacit, which sign-in adds to
    // whoever it matches to the person; the provider's `roles` claim alone is
    // the account's, not the person's, and does not protect the address.
    const grant = await graphql(
      asAdmin.context,
      system,
      'mutation ($id: ID!) { grantRole(input: { personId: $id, role: ADMIN }) { grant { role } } }',
      { id: admin.person.id },
    );
    assert.equal(grant.data?.grantRole?.grant?.role, 'ADMIN', `grantRole: ${JSON.stringify(grant)}`);
    const original = await emailOf(asAdmin.context);

    // 2. HR may not give the admin's person HR's own address.
    const asHr = await signInThroughProvider(browser, system, hr.login);
    contexts.push(asHr.context);
    assert.equal(asHr.me.person.id, hr.person.id);
    assert.ok(asHr.me.roles.includes('HR'), `the HR account signs in with HR: ${JSON.stringify(asHr.me)}`);
    const byHr = await graphql(asHr.context, system, UPDATE_EMAIL, { id: admin.person.id, email: hr.person.email });
    assert.equal(
      byHr.errors?.[0]?.extensions?.code,
      'FORBIDDEN',
      `HR changed an admin's e-mail: ${JSON.stringify(byHr)}`,
    );
    assert.equal(byHr.data?.updatePerson ?? null, null);
    assert.equal(await emailOf(asAdmin.context), original, "the admin's e-mail is unchanged after HR's attempt");

    // 3. An admin moves the address; a different provider account (another
    //    sub) with that address is refused and gets no session.
    const moved = `h1-${backend.toLowerCase()}-${Date.now()}@example.org`;
    const byAdmin = await graphql(asAdmin.context, system, UPDATE_EMAIL, { id: admin.person.id, email: moved });
    assert.equal(byAdmin.errors, undefined, `the admin could not change the e-mail: ${JSON.stringify(byAdmin)}`);
    assert.equal(byAdmin.data?.updatePerson?.person?.email, moved);
    // Audited once, by the admin about their own person; HR's refused attempt changed nothing.
    const audit = await graphql(asAdmin.context, system, '{ auditLog(first: 100) { actor action target outcome } }');
    const changes = audit.data?.auditLog?.filter((e) => e.action === 'person.email_change' && e.outcome === 'ok');
    assert.equal(changes?.length, 1, `one person.email_change in the audit log: ${JSON.stringify(audit)}`);
    assert.equal(
      changes[0].target,
      changes[0].actor,
      `the admin changed their own person's address: ${JSON.stringify(changes[0])}`,
    );

    accounts.set('h1-intruder', { email: moved, email_verified: true, name: 'Someone Else', roles: [] });
    const intruder = await signInThroughProvider(browser, system, 'h1-intruder', { expectError: 'unknown_person' });
    contexts.push(intruder.context);
    const cookies = await intruder.context.cookies(system.base);
    assert.equal(
      cookies.find((c) => c.name === 'tacit_session'),
      undefined,
      `a refused sign-in got a session cookie (cookies: ${cookies.map((c) => c.name).join(', ')})`,
    );
    const meAfter = await intruder.context.request.get(`${system.base}/auth/me`);
    assert.equal(meAfter.status(), 401, 'GET /auth/me after the refused sign-in');
    const probe = await intruder.context.request.post(`${system.base}/graphql`, {
      data: { query: '{ me { person { id } roles } }' },
    });
    assert.equal(
      probe.status(),
      401,
      `POST /graphql after the refused sign-in answered ${probe.status()}: ${await probe.text()}`,
    );

    // 4. The admin's own provider account (the bound sub), now claiming the new address, still signs in as the admin.
    accounts.set(admin.login, { ...accounts.get(admin.login), email: moved });
    const again = await signInThroughProvider(browser, system, admin.login);
    contexts.push(again.context);
    assert.deepEqual(again.me, {
      person: { id: admin.person.id, name: admin.person.name },
      roles: ['EMPLOYEE', 'ADMIN'],
      via: 'SESSION',
    });
    again.page.assertClean();
  } finally {
    for (const context of contexts) await context.close();
  }
}

function checksFor(browser, system, backend) {
  return [
    [
      `${backend}: development sign-in is off when only the identity provider is configured`,
      async () => {
        const res = await fetch(`${system.base}/auth/dev/people?prefix=`);
        assert.ok([403, 404].includes(res.status), `GET /auth/dev/people answered ${res.status}`);
      },
    ],
    [
      `${backend}: an admin signs in through oidc-provider (login, consent, callback) and is named with their role`,
      () => signInAndCheck(browser, system, system.admin),
    ],
    [`${backend}: a second provider account signs in as HR`, () => signInAndCheck(browser, system, system.hr)],
    [
      `${backend}: after the provider rotates to a new signing key, a fresh browser signs in again`,
      async () => {
        const before = system.provider.lastIdTokenKid();
        assert.ok(before, 'an ID token was issued by the earlier sign-ins');
        await system.provider.rotate(`e2e-key-rotated-${Date.now()}`);
        await signInAndCheck(browser, system, system.admin);
        assert.equal(
          system.provider.lastIdTokenKid(),
          system.provider.signingKid(),
          'the last ID token was signed with the new key',
        );
        assert.notEqual(system.provider.lastIdTokenKid(), before);
      },
    ],
    [
      `${backend}: H1: account takeover by e-mail is refused (HR cannot move an admin's address; another provider account with it gets unknown_person; the bound account still signs in)`,
      () => accountTakeoverIsRefused(browser, system, backend),
    ],
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
