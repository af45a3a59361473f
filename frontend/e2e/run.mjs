// End-to-end checks: the real `tacit` server, its demo data and the built web app in headless Chromium.
// The server runs with development sign-in; the first check signs in through the picker, the
// others start signed in as an admin (POST /auth/dev from the browser context, see signIn()).
//
//   npm run build && npm run e2e
//
// TACIT_BIN        server binary (default ../target/debug/tacit)
// E2E_DIST         built web app (default ./dist)
// CHROMIUM_PATH    browser (default /usr/bin/chromium; see scripts/ensure-chromium.sh)
// E2E_SCREENSHOTS  where screenshots go (default e2e/screenshots/<timestamp>)
// E2E_READY_TIMEOUT_MS  how long to wait for /readyz (default 60000)
// E2E_ONLY         run only the checks whose names contain this text
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openPage, runChecks, screenshotDir, signIn, waitUntil } from './harness.mjs';
import { communityStoryChecks } from './community-story.mjs';
import { harvestStoryChecks } from './harvest-story.mjs';
import { networkChecks } from './network-checks.mjs';
import { profileChecks } from './profile-checks.mjs';
import { questionsStoryChecks } from './questions-story.mjs';
import { searchChecks } from './search-checks.mjs';
import { freePort, startTacit } from './server.mjs';
import { startSmtpServer } from './smtp-server.mjs';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = resolve(process.env.TACIT_BIN || join(frontend, '../target/debug/tacit'));
const dist = resolve(process.env.E2E_DIST || join(frontend, 'dist'));
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const readyTimeoutMs = Number(process.env.E2E_READY_TIMEOUT_MS || 60_000);

const DESKTOP = { width: 1280, height: 900 };
/** Contact actions as an organisation would configure them: e-mail and a Teams chat built from the address. */
const CONTACT_TEMPLATES = `
[contact]
[[contact.actions]]
label = "E-mail"
url = "mailto:{email}"
[[contact.actions]]
label = "Teams chat"
url = "https://teams.microsoft.com/l/chat/0/0?users={email}"
`;
const PHONE = { width: 390, height: 844 };

/** Notifications as an organisation would send them: e-mail through a relay (here the test's own SMTP server). */
const notifyConfig = (baseUrl, smtpPort) => `
[notify]
public_url = "${baseUrl}"
[notify.smtp]
host = "127.0.0.1"
port = ${smtpPort}
from = "Tacit <tacit@example.org>"
tls = "none"
`;

let server;
let browser;
let smtp;
try {
  smtp = await startSmtpServer();
  const port = await freePort();
  server = await startTacit({
    bin,
    dist,
    readyTimeoutMs,
    port,
    config: CONTACT_TEMPLATES + notifyConfig(`http://127.0.0.1:${port}`, smtp.port),
  });
  console.log(`tacit ready at ${server.baseUrl} (binary ${bin}, static ${dist})`);
  browser = await launchBrowser(chromiumPath);
} catch (e) {
  console.error(`e2e setup failed: ${e.message}`);
  await server?.stop();
  await smtp?.stop();
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const shots = await screenshotDir(join(frontend, 'e2e/screenshots'));
const base = server.baseUrl;
const context = await browser.newContext({ viewport: DESKTOP, baseURL: base, locale: 'en-GB' });
context.setDefaultTimeout(10_000);
try {
  await signIn(context, base);
} catch (e) {
  console.error(`e2e sign-in failed: ${e.message}\n--- server output (tail) ---\n${server.output().slice(-4000)}`);
  await browser.close().catch(() => {});
  await server.stop();
  await smtp.stop();
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const shared = {};

/** Opens a fresh page (in `ctx`), runs `fn`, then fails on any console error or failed request (bar `expected` ones). */
async function onPage(fn, ctx = context, expected = []) {
  const page = await openPage(ctx, base, { expected });
  try {
    await fn(page);
    page.assertClean();
  } finally {
    await page.close();
  }
}

/** Like {@link onPage}, in a new browser (signed in as an admin) that says it is in `timezoneId`. */
async function onPageIn(timezoneId, fn) {
  const ctx = await browser.newContext({ viewport: DESKTOP, baseURL: base, locale: 'en-GB', timezoneId });
  ctx.setDefaultTimeout(10_000);
  try {
    await signIn(ctx, base);
    await onPage(fn, ctx);
  } finally {
    await ctx.close();
  }
}

const listLinks = (page, name) => page.getByRole('list', { name, exact: true }).getByRole('link');
const texts = async (locator) => (await locator.allTextContents()).map((t) => t.trim());
const settled = (page, name) =>
  page.getByRole('list', { name, exact: true }).and(page.locator(':not([aria-busy="true"])')).waitFor();
const shoot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

async function peopleNames(page) {
  await settled(page, 'People');
  return texts(listLinks(page, 'People'));
}

const QUESTION = 'retention schedule for HR records';
const questionBox = (page) => page.getByLabel('Who knows about…');
const experts = (page) => page.getByRole('list', { name: 'Experts', exact: true }).locator(':scope > li');

/** Waits for the answer to the search in the box, then returns its result cards. */
async function expertCards(page) {
  await settled(page, 'Experts');
  const cards = experts(page);
  await cards.first().waitFor();
  return cards;
}

const DEV_WARNING = 'Development sign-in: anyone can act as anyone. Not for real data.';

/** Like {@link onPage}, in a new browser nobody has signed in with yet: GET /auth/me answers 401 there. */
async function onPageSignedOut(fn) {
  const ctx = await browser.newContext({ viewport: DESKTOP, baseURL: base, locale: 'en-GB' });
  ctx.setDefaultTimeout(10_000);
  try {
    await onPage(fn, ctx, [{ status: 401, path: '/auth/me' }]);
  } finally {
    await ctx.close();
  }
}

const checks = [
  [
    'signing in through the development picker shows the warning banner and the search',
    () =>
      onPageSignedOut(async (page) => {
        const offered = await page.request.get(`${base}/auth/dev/people?prefix=`);
        assert.equal(offered.status(), 200, 'GET /auth/dev/people');
        const someone = (await offered.json()).people[0];
        assert.ok(someone, 'development sign-in offers nobody');
        const prefix = someone.name.slice(0, 3);

        await page.goto('/');
        await page.getByRole('heading', { level: 1, name: 'Sign in to Tacit' }).waitFor();
        assert.equal(
          await page.getByRole('navigation', { name: 'Main' }).count(),
          0,
          'the app shows before signing in',
        );
        await page.getByLabel('Person to sign in as').fill(prefix);
        const options = page.getByRole('listbox', { name: 'Matching people' }).getByRole('option');
        const names = await waitUntil(async () => {
          const shown = await texts(options.locator('.picker__name'));
          return shown.length > 0 && shown.every((n) => n.toLowerCase().startsWith(prefix.toLowerCase()))
            ? shown
            : null;
        }, `the people offered did not narrow to names starting "${prefix}"`);
        await options.first().click();
        assert.equal(await options.first().getAttribute('aria-selected'), 'true');
        const chosen = (await page.locator('.picker__chosen strong').textContent()).trim();
        assert.ok(names.includes(chosen), `chose ${chosen}, not one of ${JSON.stringify(names)}`);
        await page.getByRole('radio', { name: 'Employee' }).check();
        await shoot(page, 'sign-in');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();

        await page.waitForURL('**/search');
        await page.getByRole('heading', { level: 1, name: 'Find an expert' }).waitFor();
        await page.getByRole('region', { name: 'Development sign-in warning' }).getByText(DEV_WARNING).waitFor();
        const header = page.getByRole('banner');
        await header.getByText(chosen, { exact: true }).waitFor();
        const who = (await header.locator('.account__who').textContent()).trim();
        assert.equal(who, `Signed in as ${chosen} (Employee)`);
        await shoot(page, 'signed-in');

        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('heading', { level: 1, name: 'Sign in to Tacit' }).waitFor();
        await page.getByText('You have signed out.').waitFor();
        assert.equal(
          (await page.context().cookies()).filter((c) => c.name === 'tacit_session' && c.value).length,
          0,
          'the session cookie is still there',
        );
      }),
  ],

  [
    'the home page is the expert search, which explains why each person is suggested',
    () =>
      onPage(async (page) => {
        await page.goto('/');
        await page.waitForURL('**/search');
        await page.getByRole('heading', { level: 1, name: 'Find an expert' }).waitFor();
        const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
        assert.equal((await nav.first().textContent()).trim(), 'Search');
        assert.equal(await nav.first().getAttribute('aria-current'), 'page');
        assert.ok(
          (await page.getByRole('list', { name: 'Example questions' }).getByRole('button').count()) >= 3,
          'no example questions',
        );
        await shoot(page, 'search-empty');

        await questionBox(page).fill(QUESTION);
        await page.waitForURL((url) => url.searchParams.get('q') === QUESTION);
        const cards = await expertCards(page);
        const count = await cards.count();
        assert.ok(count >= 3, `expected at least 3 experts, saw ${count}`);
        await page
          .getByRole('status')
          .getByText(new RegExp(`^${count} people who may know about`))
          .waitFor();
        for (let i = 0; i < count; i += 1) {
          const card = cards.nth(i);
          const why = (await card.locator('.explanation').textContent()).trim();
          assert.ok(why.length > 10, `result ${i + 1} has no explanation`);
          assert.ok(!why.includes('*'), `result ${i + 1} shows raw asterisks: ${why}`);
          assert.ok(
            (await card.locator('[data-result-link]').getAttribute('href')).startsWith('/people/'),
            `result ${i + 1} does not link to a person`,
          );
        }
        await cards
          .first()
          .locator('.local-time')
          .filter({ hasText: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d in / })
          .waitFor();
        await shoot(page, 'search');

        const skillLink = page
          .getByRole('list', { name: 'Experts', exact: true })
          .locator('.explanation a[href^="/skills/"]')
          .first();
        const skill = (await skillLink.textContent()).trim();
        await skillLink.click();
        await page.getByRole('heading', { level: 1, name: skill, exact: true }).waitFor();
        await page.getByRole('heading', { level: 2, name: 'Related skills' }).waitFor();

        await page.goBack();
        await page.waitForURL((url) => url.searchParams.get('q') === QUESTION);
        assert.equal(await questionBox(page).inputValue(), QUESTION);
        assert.equal(await (await expertCards(page)).count(), count);
      }),
  ],

  [
    'arrow keys move between search results and Enter opens one',
    () =>
      onPage(async (page) => {
        await page.goto(`/search?q=${encodeURIComponent(QUESTION)}`);
        const cards = await expertCards(page);
        const names = await texts(cards.locator('[data-result-link]'));
        await questionBox(page).focus();
        await page.keyboard.press('ArrowDown');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), names[0]);
        await page.keyboard.press('ArrowDown');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), names[1]);
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: names[1] }).waitFor();
      }),
  ],

  ...searchChecks({ context, base, onPage, shoot, questionBox, expertCards }),

  [
    'the working-hours filter keeps only people whose day overlaps mine',
    () =>
      onPageIn('Asia/Hong_Kong', async (page) => {
        await page.goto(`/search?q=${encodeURIComponent(QUESTION)}`);
        await page.getByText('Your time zone: Asia/Hong Kong').waitFor();
        const overlaps = async () => texts((await expertCards(page)).locator('.overlap'));
        const before = await overlaps();
        const full = 'Working hours overlap yours by 8 hours';
        assert.ok(
          before.some((t) => t !== full),
          `every result already overlaps fully: ${JSON.stringify(before)}`,
        );
        await page.getByLabel('Working hours overlap with mine').selectOption({ label: 'At least 8 hours' });
        await page.waitForURL((url) => url.searchParams.get('overlap') === '8');
        const after = await waitUntil(async () => {
          const shown = await overlaps();
          return shown.length > 0 && shown.every((t) => t === full) ? shown : null;
        }, 'results did not narrow to people whose working day overlaps by 8 hours');
        assert.ok(after.length > 0);
        await page
          .getByRole('status')
          .getByText(/with your filters\.$/)
          .waitFor();
        await shoot(page, 'search-overlap');
      }),
  ],

  [
    'when the filters leave nobody, the page says which one and offers the change that helps',
    () =>
      onPageIn('Europe/London', async (page) => {
        // Sydney's working day and London's barely meet: eight hours' overlap finds nobody there.
        const offices = await (
          await page.request.post(`${base}/graphql`, { data: { query: '{ offices { id name } }' } })
        ).json();
        const sydney = offices.data.offices.find((o) => o.name === 'Sydney');
        assert.ok(sydney, 'the demo has a Sydney office');
        await page.goto(`/search?q=${encodeURIComponent(QUESTION)}&office=${encodeURIComponent(sydney.id)}&overlap=8`);
        await page.getByRole('heading', { name: 'Things to try' }).waitFor();
        const why = page.getByText(
          /Sydney’s working day never overlaps yours|In Sydney, working hours overlap yours by at most|none works in Sydney/,
        );
        await why.first().waitFor();
        await shoot(page, 'search-why-nobody');
        const fix = page.getByRole('button', { name: /^(Any overlap|Search all offices)$/ });
        await fix.first().click();
        await expertCards(page);
      }),
  ],

  [
    'the People page lists demo people',
    () =>
      onPage(async (page) => {
        await page.goto('/people');
        await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
        const names = await peopleNames(page);
        assert.ok(names.length >= 3, `expected demo people, saw ${JSON.stringify(names)}`);
        const counts = await page.getByText(/^Showing \d+ of \d+ people$/).textContent();
        assert.match(counts, /Showing \d+ of \d+ people/);
        await page
          .locator('.local-time')
          .filter({ hasText: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d in / })
          .first()
          .waitFor();
        shared.names = names;
        await shoot(page, 'people');
      }),
  ],

  [
    'typing a name prefix filters the list',
    () =>
      onPage(async (page) => {
        await page.goto('/people');
        const before = await peopleNames(page);
        // A prefix that some listed names do not share, so filtering must visibly narrow the list.
        const target =
          before.find((n) => before.some((m) => !m.toLowerCase().startsWith(n.slice(0, 3).toLowerCase()))) ?? before[0];
        const prefix = target.slice(0, 3);
        const matches = (n) =>
          n
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.startsWith(prefix.toLowerCase())) || n.toLowerCase().startsWith(prefix.toLowerCase());
        await page.getByLabel('Search by name').fill(prefix);
        const after = await waitUntil(async () => {
          const names = await peopleNames(page);
          return names.length > 0 && names.every(matches) && names.includes(target) ? names : null;
        }, `list did not narrow to names starting "${prefix}"`);
        assert.ok(
          after.length < before.length || before.every(matches),
          `"${prefix}" did not narrow ${before.length} names`,
        );
        await page.waitForURL((url) => url.searchParams.get('q') === prefix);
        await page.getByLabel('Search by name').fill('Zzqx');
        await page.getByText('No one matches these filters').waitFor();
        await shoot(page, 'people-search');
      }),
  ],

  [
    'opening a person shows their skills',
    () =>
      onPage(async (page) => {
        await page.goto('/people');
        const names = await peopleNames(page);
        for (const name of names.slice(0, 8)) {
          await listLinks(page, 'People').getByText(name, { exact: true }).click();
          await page.getByRole('heading', { level: 1, name }).waitFor();
          await page.getByRole('heading', { level: 2, name: 'Skills' }).waitFor();
          const rows = page.locator('table tbody tr');
          if ((await rows.count()) > 0) {
            const first = await rows.first().locator('td').allTextContents();
            assert.match(first[1], /^[1-5] · /, `level cell: ${first[1]}`);
            assert.ok(first[2].length > 0, 'source cell is empty');
            shared.skillHolder = {
              person: name,
              skill: first[0],
              href: await rows.first().getByRole('link').getAttribute('href'),
            };
            shared.personPath = new URL(page.url()).pathname;
            await page.getByRole('heading', { level: 2, name: 'Communities' }).waitFor();
            await page.getByRole('heading', { level: 2, name: 'Evidence' }).waitFor();
            await shoot(page, 'person');
            return;
          }
          await page.goBack();
          await settled(page, 'People');
        }
        assert.fail(`none of the first people (${names.slice(0, 8).join(', ')}) has a skill`);
      }),
  ],

  [
    'the Skills page lists skills and a skill page shows holders',
    () =>
      onPage(async (page) => {
        await page.goto('/people');
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Skills' }).click();
        await page.getByRole('heading', { level: 1, name: 'Skills' }).waitFor();
        await settled(page, 'Skills');
        const skills = await texts(listLinks(page, 'Skills'));
        assert.ok(skills.length > 0, 'no skills listed');
        await shoot(page, 'skills');
        const letter = skills[0].slice(0, 1);
        await page.getByLabel('Find a skill').fill(letter);
        await waitUntil(async () => {
          await settled(page, 'Skills');
          const shown = await texts(listLinks(page, 'Skills'));
          return shown.length > 0 && shown.every((s) => s.toLowerCase().startsWith(letter.toLowerCase()));
        }, `skills did not narrow to "${letter}"`);

        assert.ok(shared.skillHolder, 'needs a skill found on a person page by the previous check');
        await page.goto(shared.skillHolder.href);
        await page.getByRole('heading', { level: 1, name: shared.skillHolder.skill }).waitFor();
        await page.getByRole('heading', { level: 2, name: 'Related skills' }).waitFor();
        await page
          .getByRole('list', { name: 'Related skills', exact: true })
          .or(page.getByText('No related skills found yet.'))
          .waitFor();
        const { person } = shared.skillHolder;
        const holders = await texts(page.getByRole('list', { name: 'People with this skill' }).getByRole('link'));
        await shoot(page, 'skill');
        if (!holders.includes(person)) {
          // Only the first holders are listed; the rest are in the directory, narrowed to the skill.
          await page.getByRole('link', { name: /^See all \d+ people with this skill$/ }).click();
          await page.getByText('Only people with the skill').waitFor();
          await page.getByLabel('Search by name').fill(person);
          await waitUntil(
            async () => (await peopleNames(page)).includes(person),
            `${person} is not among the holders of ${shared.skillHolder.skill}`,
          );
        }
      }),
  ],

  [
    'a skill page links to related skills and to experts on the skill',
    () =>
      onPage(async (page) => {
        assert.ok(shared.skillHolder, 'needs a skill found on a person page by an earlier check');
        await page.goto(shared.skillHolder.href);
        const { skill } = shared.skillHolder;
        const relatedLinks = page.getByRole('list', { name: 'Related skills', exact: true }).getByRole('link');
        await relatedLinks.first().waitFor();
        const related = await texts(relatedLinks);
        assert.ok(related.length > 0 && related.length <= 8, `related skills: ${JSON.stringify(related)}`);
        assert.ok(!related.includes(skill), `${skill} is related to itself`);
        await page.getByRole('link', { name: 'Find experts' }).click();
        await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === skill);
        assert.equal(await questionBox(page).inputValue(), skill);
        await (await expertCards(page)).first().waitFor();
      }),
  ],

  [
    'the Communities page lists communities and a community page shows members',
    () =>
      onPage(async (page) => {
        await page.goto('/communities');
        await page.getByRole('heading', { level: 1, name: 'Communities' }).waitFor();
        const links = listLinks(page, 'Communities');
        await links.first().waitFor();
        await shoot(page, 'communities');
        const first = links.first();
        const name = (await first.textContent()).trim();
        await first.click();
        await page.getByRole('heading', { level: 1, name }).waitFor();
        await page.getByRole('heading', { level: 2, name: /^Members/ }).waitFor();
        await shoot(page, 'community');
      }),
  ],

  [
    'HR sees knowledge at risk: at-risk skills with a risk bar and the interview queue',
    async () => {
      const ctx = await browser.newContext({ viewport: DESKTOP, baseURL: base, locale: 'en-GB' });
      ctx.setDefaultTimeout(10_000);
      try {
        await signIn(ctx, base, 'HR');
        await onPage(async (page) => {
          await page.goto('/search');
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge at risk' }).click();
          await page.waitForURL('**/hr/risk');
          await page.getByRole('heading', { level: 1, name: 'Knowledge at risk' }).waitFor();
          await page.getByRole('heading', { level: 2, name: 'Skills at risk' }).waitFor();
          const table = page.getByRole('table', { name: 'Skills at risk, riskiest first' });
          const empty = page
            .getByText('Nothing at risk: nobody holding scarce knowledge is leaving in the next 180 days.')
            .first();
          await table.or(empty).first().waitFor();
          const rows = table.locator('tbody tr');
          const count = await rows.count();
          assert.ok(count > 0, 'the demo organisation has people leaving soon, but no skill is at risk');
          const bar = rows.first().getByRole('img', { name: /^risk \d+%$/ });
          await bar.waitFor();
          assert.ok(
            (await rows.first().getByRole('link').getAttribute('href')).startsWith('/skills/'),
            'the first at-risk skill does not link to its page',
          );
          const queue = page.getByRole('list', { name: 'Interview queue', exact: true });
          await queue.waitFor();
          assert.ok((await queue.locator(':scope > li').count()) > 0, 'the interview queue is empty');
          assert.ok(
            (await queue.getByRole('link').first().getAttribute('href')).startsWith('/people/'),
            'the first leaver does not link to their page',
          );
          await queue
            .getByText(/only holder|others? holds? it/)
            .first()
            .waitFor();

          const holders = page.getByRole('table', { name: 'Holders of the riskiest skills' });
          assert.ok((await holders.locator('tbody tr').count()) > 0, 'the holders chart has no bars');
          assert.match(await holders.locator('tbody tr').first().textContent(), /\d+ leaving$/);
          const months = await page.getByRole('img', { name: /^People leaving by month: / }).getAttribute('aria-label');
          assert.equal(months.split(', ').length, 6, `six months: ${months}`);
          assert.ok((await page.locator('svg.columns-chart rect').count()) === 6, 'six columns');
          await page.getByText(/^\d+ of \d+ skills? at risk \(\d+%\) covered by a completed interview\.$/).waitFor();
          await shoot(page, 'knowledge-at-risk');
          await page
            .getByRole('region', { name: 'At a glance' })
            .screenshot({ path: join(shots, 'knowledge-at-risk-charts.png') });
        }, ctx);
      } finally {
        await ctx.close();
      }
    },
  ],

  ...harvestStoryChecks({ browser, base, onPage, shoot, shared, viewport: DESKTOP, phone: PHONE }),

  ...communityStoryChecks({ browser, context, base, onPage, shoot, viewport: DESKTOP, phone: PHONE }),

  ...questionsStoryChecks({
    browser,
    context,
    base,
    onPage,
    shoot,
    viewport: DESKTOP,
    phone: PHONE,
    smtp,
    cli: server.cli,
  }),

  [
    'an employee asks to join a closed community and a lead approves the request',
    async () => {
      const empCtx = await browser.newContext({ viewport: DESKTOP, baseURL: base, locale: 'en-GB' });
      empCtx.setDefaultTimeout(15_000);
      try {
        const gql = async (ctx, query, variables = {}) =>
          (await ctx.request.post(`${base}/graphql`, { data: { query, variables } })).json();
        // A community to close, with a lead, and someone active who is not in it.
        const list = await gql(
          context,
          '{ communities(first: 50) { nodes { id name members { role person { id } } } } }',
        );
        const community = list.data.communities.nodes.find((c) => c.members.some((m) => m.role === 'LEAD'));
        assert.ok(community, 'a demo community with a lead');
        const inIt = new Set(community.members.map((m) => m.person?.id));
        const people = await gql(context, '{ people(first: 100, filter: { status: ACTIVE }) { nodes { id name } } }');
        const asker = people.data.people.nodes.find((p) => !inIt.has(p.id));
        const closed = await gql(
          context,
          'mutation($id: ID!) { updateCommunity(input: { id: $id, visibility: CLOSED }) { community { visibility } } }',
          { id: community.id },
        );
        assert.equal(closed.data?.updateCommunity?.community?.visibility, 'CLOSED', JSON.stringify(closed));
        await signIn(empCtx, base, 'EMPLOYEE', asker.id);
        await onPage(async (page) => {
          await page.goto(`/communities/${encodeURIComponent(community.id)}`);
          await page.getByLabel('A word to the leads (optional)').fill('I would like to help');
          await page.getByRole('button', { name: 'Ask to join' }).click();
          await page.getByText('You asked to join; the leads will answer.').waitFor();
        }, empCtx);
        // An admin curates every community, as a lead does.
        await onPage(async (page) => {
          await page.goto(`/communities/${encodeURIComponent(community.id)}`);
          const requests = page.getByRole('list', { name: 'Requests to join' });
          await requests.getByRole('link', { name: asker.name }).waitFor();
          await page.getByRole('heading', { level: 2, name: 'Health' }).waitFor();
          await shoot(page, 'community-lead');
          await requests.getByRole('button', { name: `Approve ${asker.name}` }).click();
          await page
            .getByRole('list', { name: 'Members', exact: true })
            .getByRole('link', { name: asker.name })
            .waitFor();
          // The lead makes the new member an expert, in the members list.
          await page.getByLabel(`Role of ${asker.name}`, { exact: true }).selectOption('EXPERT');
          await page.getByRole('button', { name: `Save the role of ${asker.name}` }).click();
          await page
            .getByRole('status')
            .filter({ hasText: `${asker.name} is now expert.` })
            .waitFor();
          await shoot(page, 'community-members-curated');
        });
        // A second colleague asks; the lead declines with a reason, which the colleague then reads.
        const second = people.data.people.nodes.find((p) => !inIt.has(p.id) && p.id !== asker.id);
        await signIn(empCtx, base, 'EMPLOYEE', second.id);
        await onPage(async (page) => {
          await page.goto(`/communities/${encodeURIComponent(community.id)}`);
          await page.getByRole('button', { name: 'Ask to join' }).click();
          await page.getByText('You asked to join; the leads will answer.').waitFor();
        }, empCtx);
        await onPage(async (page) => {
          await page.goto(`/communities/${encodeURIComponent(community.id)}`);
          const requests = page.getByRole('list', { name: 'Requests to join' });
          await requests.getByRole('link', { name: second.name }).waitFor();
          await requests.getByLabel('Reason (needed to decline)').fill('We are full until the spring');
          await requests.getByRole('button', { name: `Decline ${second.name}` }).click();
          await requests.getByRole('link', { name: second.name }).waitFor({ state: 'detached' });
        });
        await onPage(async (page) => {
          await page.goto(`/communities/${encodeURIComponent(community.id)}`);
          await page.getByText('We are full until the spring').waitFor();
          await page.getByRole('button', { name: 'Ask to join' }).waitFor();
          await shoot(page, 'community-declined-reason');
        }, empCtx);
      } finally {
        await empCtx.close();
      }
    },
  ],

  ...profileChecks({ browser, context, base, onPage, shoot, viewport: DESKTOP }),
  ...networkChecks({ context, base, onPage, shotPath: (name) => join(shots, `${name}.png`) }),

  [
    'deep links and unknown paths load through the index.html fallback',
    () =>
      onPage(async (page) => {
        assert.ok(shared.personPath, 'needs a person page found by an earlier check');
        const res = await page.goto(shared.personPath);
        assert.equal(res.status(), 200, `GET ${shared.personPath}`);
        await page.getByRole('heading', { level: 1, name: shared.skillHolder.person }).waitFor();
        const missing = await page.goto('/no/such/page');
        assert.equal(missing.status(), 200, 'GET /no/such/page should serve index.html');
        await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      }),
  ],

  [
    'pages fit a phone screen without sideways scrolling',
    () =>
      onPage(async (page) => {
        await page.setViewportSize(PHONE);
        const pages = [
          ['/people', 'People', 'people-phone', 'People'],
          [`/search?q=${encodeURIComponent(QUESTION)}`, 'Find an expert', 'search-phone', 'Experts'],
          [shared.personPath ?? '/people', null, 'person-phone', 'People'],
          [shared.interviewPath ?? '/interviews', null, 'interview-phone', 'Interviews'],
          ['/me', 'My profile', 'my-profile-phone', 'My skills'],
          ['/admin', 'Admin', 'admin-phone', 'Role grants'],
          ['/hr/risk', 'Knowledge at risk', 'knowledge-at-risk-phone', 'Interview queue'],
        ];
        for (const [path, heading, shot, list] of pages) {
          await page.goto(path);
          if (heading) await page.getByRole('heading', { level: 1, name: heading }).waitFor();
          await page
            .getByRole('heading', { level: 2 })
            .first()
            .or(page.getByRole('list', { name: list, exact: true }))
            .first()
            .waitFor();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) await shoot(page, `${shot}-overflow`);
          const widest =
            overflow > 0
              ? await page.evaluate(() => {
                  const over = [...document.querySelectorAll('body *')].filter(
                    (e) => e.getBoundingClientRect().right > window.innerWidth + 1,
                  );
                  const e = over[over.length - 1];
                  return e
                    ? `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').slice(0, 60)}"`
                    : 'unknown';
                })
              : '';
          assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the phone screen (widest: ${widest})`);
          await shoot(page, shot);
        }
      }),
  ],

  [
    'on a phone, the first result’s name, title and first reason show without scrolling, and the menu folds away',
    () =>
      onPage(async (page) => {
        await page.setViewportSize(PHONE);
        await page.goto(`/search?q=${encodeURIComponent(QUESTION)}`);
        const first = (await expertCards(page)).first();
        const reason = first.locator('.explanation').first();
        await reason.waitFor();
        const box = await reason.boundingBox();
        const bottom = box ? box.y + box.height : Infinity;
        assert.ok(
          bottom <= PHONE.height,
          `the first result's first reason ends ${Math.round(bottom)}px down a ${PHONE.height}px screen`,
        );
        await shoot(page, 'search-phone-first-result');
        const menu = page.getByRole('button', { name: 'Menu' });
        assert.equal(
          await page.getByRole('navigation', { name: 'Main' }).isVisible(),
          false,
          'the sections fold away on a phone',
        );
        await menu.click();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
        await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
        assert.equal(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded'), 'false');
        // A person's network: the list first, the drawing on request.
        assert.ok(shared.personPath, 'needs a person page found by an earlier check');
        await page.goto(shared.personPath);
        const network = page.getByRole('region', { name: 'Network' });
        await network
          .getByRole('list')
          .filter({ has: page.getByRole('link') })
          .first()
          .waitFor();
        assert.equal(await network.getByRole('img').count(), 0, 'the graph is drawn before it was asked for');
        await network.getByRole('button', { name: 'Show the graph' }).click();
        await network.getByRole('img').first().waitFor();
        await shoot(page, 'person-network-phone');
      }),
  ],

  [
    'the keyboard reaches the skip link and the navigation',
    () =>
      onPage(async (page) => {
        await page.goto('/people');
        await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Search');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'People');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Skills' }).waitFor();
      }),
  ],
];

let result = { passed: 0, failed: 1 };
try {
  // E2E_ONLY=<words> runs only the checks whose names contain them (while working on one).
  const only = process.env.E2E_ONLY;
  const chosen = only ? checks.filter(([name]) => name.includes(only)) : checks;
  if (chosen.length === 0) throw new Error(`E2E_ONLY=${only} matches no check`);
  result = await runChecks(chosen);
} finally {
  await context.close().catch(() => {});
  await browser.close().catch(() => {});
  await server.stop();
  await smtp.stop();
}
console.log(`screenshots: ${shots}`);
if (result.failed > 0) console.log(`--- server output (tail) ---\n${server.output().slice(-4000)}`);
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed > 0 ? 1 : 0);
