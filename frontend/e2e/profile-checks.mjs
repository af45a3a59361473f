// Browser checks for endorsing, My profile and the Admin page (issue 7). run.mjs passes in what they share.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { signIn, waitUntil } from './harness.mjs';

const HIDDEN =
  'You no longer appear in expert search, people lists or on colleagues’ screens. HR and admins can still see your profile.';

/**
 * @param {object} env
 * @param {import('playwright-core').Browser} env.browser
 * @param {import('playwright-core').BrowserContext} env.context  signed in as an admin
 * @param {string} env.base
 * @param {(fn: Function, ctx?: object) => Promise<void>} env.onPage
 * @param {(page: object, name: string) => Promise<void>} env.shoot
 * @param {object} env.viewport
 */
export function profileChecks({ browser, context, base, onPage, shoot, viewport }) {
  const gql = async (ctx, query, variables = {}) =>
    (await ctx.request.post(`${base}/graphql`, { data: { query, variables } })).json();
  /** A new browser signed in as `personId` with `role`; closed after `fn`. */
  const as = async (role, personId, fn) => {
    const ctx = await browser.newContext({ viewport, baseURL: base, locale: 'en-GB' });
    ctx.setDefaultTimeout(15_000);
    try {
      await signIn(ctx, base, role, personId);
      await fn(ctx);
    } finally {
      await ctx.close();
    }
  };
  const activePeople = async () => {
    const answer = await gql(
      context,
      '{ people(first: 100, filter: { status: ACTIVE }) { nodes { id name skills { skill { id name } endorsements { endorser { id } } } } } }',
    );
    return answer.data.people.nodes;
  };
  const skillRow = (page, skill) =>
    page.locator('tbody tr').filter({ has: page.getByRole('link', { name: skill, exact: true }) });

  return [
    [
      'an employee endorses a colleague’s skill and sees the count and their endorsement',
      async () => {
        const people = await activePeople();
        const endorser = people.find((p) => /^[A-Za-z]/.test(p.name));
        const colleague = people.find(
          (p) =>
            p.id !== endorser.id &&
            p.skills.some((s) => s.skill && !s.endorsements.some((e) => e.endorser?.id === endorser.id)),
        );
        assert.ok(colleague, 'a colleague with a skill the endorser has not endorsed');
        const held = colleague.skills.find(
          (s) => s.skill && !s.endorsements.some((e) => e.endorser?.id === endorser.id),
        );
        const skill = held.skill.name;
        const before = held.endorsements.length;
        const count = (n) => (n === 0 ? 'No endorsements' : `${n} ${n === 1 ? 'endorsement' : 'endorsements'}`);
        await as('EMPLOYEE', endorser.id, async (ctx) => {
          await onPage(async (page) => {
            await page.goto(`/people/${encodeURIComponent(colleague.id)}`);
            await page.getByRole('heading', { level: 1, name: colleague.name }).waitFor();
            const row = skillRow(page, skill);
            await row.getByText(count(before), { exact: true }).waitFor();
            await row.getByRole('button', { name: `Endorse ${skill}`, exact: true }).click();
            await row.getByRole('status').filter({ hasText: 'You endorsed this' }).waitFor();
            await row.getByText(count(before + 1), { exact: true }).waitFor();
            assert.equal(
              await row.getByRole('button', { name: `Endorse ${skill}` }).count(),
              0,
              'the Endorse button is still there',
            );
            await shoot(page, 'person-endorsed');

            // The server has it, refuses a second one, and the page still says so after a reload.
            const stored = await gql(
              ctx,
              'query($id: ID!) { person(id: $id) { skills { skill { id } endorsements { endorser { id } } } } }',
              { id: colleague.id },
            );
            const now = stored.data.person.skills.find((s) => s.skill?.id === held.skill.id);
            assert.equal(now.endorsements.length, before + 1, 'the endorsement count on the server');
            assert.ok(
              now.endorsements.some((e) => e.endorser?.id === endorser.id),
              'the server does not list the endorsement',
            );
            const again = await gql(
              ctx,
              'mutation($p: ID!, $s: ID!) { endorseSkill(input: { personId: $p, skillId: $s }) { personSkill { level } } }',
              { p: colleague.id, s: held.skill.id },
            );
            assert.equal(again.errors?.[0]?.extensions?.code, 'CONFLICT', `endorsing twice: ${JSON.stringify(again)}`);
            await page.reload();
            await skillRow(page, skill).getByText('You endorsed this').waitFor();
            // Taken back: the count falls and Endorse returns.
            await skillRow(page, skill)
              .getByRole('button', { name: `Withdraw your endorsement of ${skill}` })
              .click();
            await skillRow(page, skill).getByText(count(before), { exact: true }).waitFor();
            await skillRow(page, skill)
              .getByRole('button', { name: `Endorse ${skill}`, exact: true })
              .waitFor();

            await page.goto(`/people/${encodeURIComponent(endorser.id)}`);
            await page.getByRole('link', { name: 'Edit your skills in My profile' }).waitFor();
            assert.equal(
              await page.getByRole('button', { name: /^Endorse / }).count(),
              0,
              'endorse buttons on your own profile',
            );
          }, ctx);
        });
      },
    ],

    [
      'an employee fills in their profile; a colleague finds them by an "ask me about" topic, opens their evidence and has their contact actions',
      async () => {
        const phone = { width: 390, height: 844 };
        const topic = 'Beekeeping for beginners';
        const answer = await gql(
          context,
          '{ people(first: 100, filter: { status: ACTIVE }) { nodes { id name email evidence(first: 10) { title url } } } }',
        );
        const people = answer.data.people.nodes.filter((p) => /^[A-Za-z]/.test(p.name));
        const owner = people.find(
          (p) => /^[a-z.]+@[a-z.]+$/.test(p.email ?? '') && p.evidence.some((e) => e.url && e.title),
        );
        assert.ok(owner, 'someone with an e-mail address and a document with a url');
        const colleague = people.find((p) => p.id !== owner.id);
        const document = owner.evidence.find((e) => e.url && e.title);
        const before = await gql(context, '{ experts(query: "beekeeping", first: 100) { person { id } } }');
        assert.ok(!before.data.experts.some((e) => e.person.id === owner.id), 'found for beekeeping before saying so');

        await as('EMPLOYEE', owner.id, async (ctx) => {
          await onPage(async (page) => {
            await page.goto('/me');
            const panel = page.getByRole('region', { name: 'About me' });
            await panel.getByLabel('Summary').fill('Records officer; I keep the retention schedule and two beehives.');
            await panel.getByLabel('Add a language').fill('Irish');
            await panel.getByRole('button', { name: 'Add language' }).click();
            await panel.getByLabel('Add a topic').fill(topic);
            await panel.getByLabel('Add a topic').press('Enter');
            await panel.getByRole('list', { name: 'Ask me about' }).getByText(topic).waitFor();
            await panel.getByLabel('Start', { exact: true }).fill('08:00');
            await panel.getByLabel('End', { exact: true }).fill('16:00');
            await panel.getByRole('checkbox', { name: 'Friday' }).uncheck();
            await panel.getByRole('button', { name: 'Save about me' }).click();
            await panel
              .getByRole('status')
              .filter({ hasText: 'Saved. Colleagues now see your profile as it is here.' })
              .waitFor();
            const stored = await gql(
              ctx,
              'query($id: ID!) { person(id: $id) { summary languages askMeAbout workingHours { start end days } } }',
              { id: owner.id },
            );
            assert.deepEqual(stored.data.person.askMeAbout, [topic]);
            assert.ok(stored.data.person.languages.includes('Irish'), JSON.stringify(stored));
            assert.deepEqual(stored.data.person.workingHours, {
              start: '08:00',
              end: '16:00',
              days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY'],
            });
            await shoot(page, 'profile-edit');
            await page.setViewportSize(phone);
            await panel.getByRole('button', { name: 'Save about me' }).scrollIntoViewIfNeeded();
            await shoot(page, 'profile-edit-phone');
          }, ctx);
        });

        await as('EMPLOYEE', colleague.id, async (ctx) => {
          await onPage(async (page) => {
            await page.goto(`/search?q=${encodeURIComponent('who knows about beekeeping?')}`);
            const card = page
              .getByRole('list', { name: 'Experts', exact: true })
              .locator(':scope > li')
              .filter({ hasText: owner.name });
            await card.first().waitFor();
            await card.first().getByText(`says to ask them about ${topic}`).first().waitFor();

            await page.goto(`/people/${encodeURIComponent(owner.id)}`);
            await page.getByRole('heading', { level: 1, name: owner.name }).waitFor();
            const about = page.getByRole('region', { name: 'About', exact: true });
            await about.getByRole('list', { name: 'Ask me about' }).getByText(topic).waitFor();
            await about.getByText('08:00–16:00, Mon–Thu').waitFor();
            // The evidence opens where it lives: following its link lands on its url (answered here by a stand-in page).
            const link = page
              .getByRole('list', { name: 'Evidence' })
              .getByRole('link', { name: document.title, exact: true })
              .first();
            assert.equal(await link.getAttribute('href'), document.url);
            await page.route(
              (url) => url.href === document.url,
              (route) => route.fulfill({ contentType: 'text/html', body: `<h1>${document.title} (intranet)</h1>` }),
            );
            await link.click();
            await page.waitForURL(document.url);
            await page.getByRole('heading', { level: 1, name: `${document.title} (intranet)` }).waitFor();
            await page.goBack();
            await page.getByRole('heading', { level: 1, name: owner.name }).waitFor();
            // Contact actions come from the server's templates (run.mjs configures e-mail and a Teams chat).
            const contact = page.getByRole('list', { name: `Contact ${owner.name}` });
            const email = contact.getByRole('link', { name: 'E-mail', exact: true });
            assert.equal(await email.getAttribute('href'), `mailto:${owner.email}`);
            await shoot(page, 'person-contact');
            const teams = contact.getByRole('link', { name: 'Teams chat', exact: true });
            await page.route('https://teams.microsoft.com/**', (route) =>
              route.fulfill({ contentType: 'text/html', body: '<h1>Teams chat</h1>' }),
            );
            await teams.focus();
            await page.keyboard.press('Enter');
            await page.waitForURL((url) => url.host === 'teams.microsoft.com');
            const opened = new URL(page.url());
            assert.equal(opened.searchParams.get('users'), owner.email, `Teams chat opened ${page.url()}`);
            await page.goBack();
            await page.getByRole('heading', { level: 1, name: owner.name }).waitFor();
            await page.setViewportSize(phone);
            await shoot(page, 'person-contact-phone');
          }, ctx);
        });
      },
    ],

    [
      'My profile: add a skill, change its level, leave and rejoin expert search, download my data, remove the skill',
      async () => {
        const people = await activePeople();
        const me = people.filter((p) => /^[A-Za-z]/.test(p.name))[1];
        const skills = (await gql(context, '{ skills(first: 100) { nodes { id name } } }')).data.skills.nodes;
        const held = new Set(me.skills.map((s) => s.skill?.id));
        const skill = skills.find((s) => !held.has(s.id) && /^[A-Za-z]/.test(s.name));
        assert.ok(skill, `a skill ${me.name} does not hold`);
        const mySkill = async (ctx) => {
          const answer = await gql(
            ctx,
            'query($id: ID!) { person(id: $id) { discoverable skills { level source skill { id } } } }',
            { id: me.id },
          );
          return { person: answer.data.person, skill: answer.data.person.skills.find((s) => s.skill?.id === skill.id) };
        };
        await as('EMPLOYEE', me.id, async (ctx) => {
          await onPage(async (page) => {
            await page.goto('/search');
            await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My profile' }).click();
            await page.waitForURL('**/me');
            await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
            await page.getByRole('heading', { level: 2, name: 'My skills' }).waitFor();

            await page.getByLabel('Add a skill').fill(skill.name);
            await page
              .getByRole('list', { name: 'Add a skill: matches' })
              .getByRole('button', { name: skill.name, exact: true })
              .click();
            await page.getByLabel('Your level').selectOption('4');
            await page.getByRole('button', { name: `Add ${skill.name}`, exact: true }).click();
            await page
              .getByRole('status')
              .filter({ hasText: `Added ${skill.name} at level 4 · Advanced.` })
              .waitFor();
            const level = page.getByRole('combobox', { name: `Level of ${skill.name}`, exact: true });
            await level.waitFor();
            assert.equal(await level.inputValue(), '4');
            assert.deepEqual((await mySkill(ctx)).skill, { level: 4, source: 'SELF', skill: { id: skill.id } });

            await level.selectOption('2');
            await page
              .getByRole('status')
              .filter({ hasText: `Saved: ${skill.name} is now level 2 · Beginner.` })
              .waitFor();
            assert.equal((await mySkill(ctx)).skill.level, 2, 'the new level on the server');
            await shoot(page, 'my-profile');

            const toggle = page.getByRole('switch', { name: 'Show me in expert search' });
            assert.equal(await toggle.getAttribute('aria-checked'), 'true');
            await toggle.click();
            await page.getByRole('status').filter({ hasText: HIDDEN }).waitFor();
            assert.equal(await toggle.getAttribute('aria-checked'), 'false');
            assert.equal((await mySkill(ctx)).person.discoverable, false, 'still discoverable on the server');
            await toggle.click();
            await page.getByRole('status').filter({ hasText: 'You are shown in expert search again.' }).waitFor();
            assert.equal((await mySkill(ctx)).person.discoverable, true, 'not discoverable again on the server');

            const [download] = await Promise.all([
              page.waitForEvent('download'),
              page.getByRole('button', { name: 'Download my data' }).click(),
            ]);
            assert.equal(download.suggestedFilename(), 'tacit-my-data.json');
            const data = JSON.parse(await readFile(await download.path(), 'utf8'));
            assert.equal(data.person?.name, me.name, 'the download is not my data');
            assert.ok(
              Array.isArray(data.skills) && data.skills.length === me.skills.length + 1,
              `skills in the download: ${JSON.stringify(data.skills)}`,
            );
            await page.getByRole('status').filter({ hasText: 'Your data was saved as tacit-my-data.json' }).waitFor();

            await page.getByRole('button', { name: `Remove ${skill.name}`, exact: true }).click();
            await page
              .getByRole('status')
              .filter({ hasText: `Removed ${skill.name} from your skills.` })
              .waitFor();
            await page.getByRole('link', { name: skill.name, exact: true }).waitFor({ state: 'detached' });
            assert.equal((await mySkill(ctx)).skill, undefined, 'the skill is still on the server');
          }, ctx);
        });
      },
    ],

    [
      'an admin approves a proposed community, grants a role, creates and revokes an API token and verifies the audit log',
      async () => {
        const people = await activePeople();
        const proposer = people.filter((p) => /^[A-Za-z]/.test(p.name))[2];
        const grantee = people.filter((p) => /^[A-Za-z]/.test(p.name) && p.id !== proposer.id)[3];
        const name = 'E2E Plain English';
        await as('EMPLOYEE', proposer.id, async (ctx) => {
          const made = await gql(
            ctx,
            'mutation($n: String!) { createCommunity(input: { name: $n, description: "Writing for readers" }) { community { id status } } }',
            { n: name },
          );
          assert.equal(made.data?.createCommunity?.community?.status, 'PROPOSED', JSON.stringify(made));
        });
        const tokenName = 'e2e nightly export';
        const asToken = (secret) =>
          fetch(`${base}/graphql`, {
            method: 'POST',
            headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ me { roles } }' }),
          });
        await onPage(async (page) => {
          await page.goto('/search');
          await page
            .getByRole('navigation', { name: 'Main' })
            .getByRole('link', { name: 'Admin', exact: true })
            .click();
          await page.waitForURL('**/admin');
          await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();

          const proposed = page.getByRole('list', { name: 'Proposed communities' });
          await proposed.getByRole('button', { name: `Approve ${name}` }).click();
          await page
            .getByRole('status')
            .filter({ hasText: `Approved ${name}: it is live` })
            .waitFor();
          const list = await gql(context, '{ communities(first: 100) { nodes { name status } } }');
          assert.ok(
            list.data.communities.nodes.some((c) => c.name === name && c.status === 'ACTIVE'),
            `${name} is not active`,
          );

          await page.getByLabel('Give a role to').fill(grantee.name);
          await page
            .getByRole('list', { name: 'Give a role to: matches' })
            .getByRole('button', { name: grantee.name, exact: true })
            .click();
          await page.getByLabel('Role', { exact: true }).selectOption('HR');
          await page.getByRole('button', { name: 'Grant role' }).click();
          await page
            .getByRole('status')
            .filter({ hasText: `${grantee.name} is now HR.` })
            .waitFor();
          const grants = page.getByRole('list', { name: 'Role grants' });
          await grants.getByRole('link', { name: grantee.name }).waitFor();
          await grants.getByRole('button', { name: `Take back HR from ${grantee.name}` }).click();
          await grants.getByRole('button', { name: 'Yes, take them back' }).click();
          await page
            .getByRole('status')
            .filter({ hasText: `${grantee.name} is no longer HR.` })
            .waitFor();

          await page.getByLabel('Token name').fill(tokenName);
          await page.getByRole('button', { name: 'Create token' }).click();
          const shown = page.getByRole('region', { name: `Secret of ${tokenName}` });
          await shown.getByText('Tacit will not show it again').waitFor();
          const secret = await shown.getByLabel(`Secret of ${tokenName}`).inputValue();
          assert.ok(secret.length > 20, 'no secret shown');
          const works = await asToken(secret);
          assert.equal(works.status, 200, 'the new token does not work');
          assert.deepEqual((await works.json()).data?.me?.roles, ['EMPLOYEE']);
          await shoot(page, 'admin');
          await shown.getByRole('button', { name: 'I have stored it' }).click();
          const tokens = page.getByRole('table', { name: 'API tokens, newest first' });
          const row = tokens.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: tokenName }) });
          await row.getByText('Active until').waitFor();
          await row.getByRole('button', { name: `Revoke ${tokenName}` }).click();
          await row.getByRole('button', { name: 'Yes, revoke it' }).click();
          await page
            .getByRole('status')
            .filter({ hasText: `Revoked ${tokenName}: it no longer works.` })
            .waitFor();
          await row.getByText(/^Revoked /).waitFor();
          assert.equal((await asToken(secret)).status, 401, 'a revoked token still works');

          await page.getByRole('button', { name: 'Verify the audit log' }).click();
          const intact = page.getByRole('status').filter({ hasText: 'Intact.' });
          await intact.waitFor();
          assert.match(
            await intact.textContent(),
            /Intact\. [\d,]+ entries checked, up to entry #\d+; none was changed or removed\./,
          );
          const chain = await gql(context, '{ auditChain { ok checked } }');
          assert.equal(chain.data.auditChain.ok, true);

          // More than one page of entries (every export of one's data is audited), then the log as it is now:
          // the newest 25, and older ones on demand.
          let total = (await gql(context, '{ auditLog(first: 100) { seq } }')).data.auditLog.length;
          for (; total <= 30; total += 1) await gql(context, '{ myData }');
          await page.reload();
          const log = page.getByRole('table', { name: 'Audit entries, newest first' });
          const rows = log.locator('tbody tr');
          await rows.first().waitFor();
          assert.equal(await rows.count(), 25, 'the first page of the audit log');
          await page.getByRole('button', { name: 'Show older entries' }).click();
          await waitUntil(async () => (await rows.count()) > 25, 'older audit entries did not load');
          const seqs = (await log.locator('tbody th').allTextContents()).map(Number);
          assert.ok(
            seqs.every((n, i) => i === 0 || n < seqs[i - 1]),
            `entries are not newest first: ${seqs.join(', ')}`,
          );
          const created = (await gql(context, '{ apiTokens { id name } }')).data.apiTokens.find(
            (t) => t.name === tokenName,
          );
          const target = `token:${created.id}`;
          await page.getByLabel('Only entries about').fill(target);
          await page.getByRole('button', { name: 'Show', exact: true }).click();
          const about = page.getByRole('table', { name: `Audit entries about ${target}, newest first` });
          await about.getByText('token.revoke').waitFor();
          await shoot(page, 'admin-audit');
        });
      },
    ],

    [
      'an admin uploads a people file with one bad line and watches it import',
      async () => {
        const people = [
          '{"id": "e2e-import-1", "name": "Imogen Upload", "title": "Archivist", "office": "Belfast", "timezone": "Europe/London", "skills": [{"skill": "Digital preservation", "level": 4}]}',
          '{"id": "e2e-import-2", "name": "Broken Line"',
          '{"id": "e2e-import-3", "name": "Ursula Upload", "office": "Belfast"}',
        ].join('\n');
        await onPage(async (page) => {
          await page.goto('/admin');
          const panel = page.getByRole('region', { name: 'Import', exact: true });
          await panel
            .getByLabel('Files to import')
            .setInputFiles([{ name: 'people.jsonl', mimeType: 'application/json', buffer: Buffer.from(people) }]);
          await panel.getByRole('button', { name: 'Start import' }).click();
          await panel.getByText('Imported people.jsonl: the good lines were written; 1 line was rejected.').waitFor();
          const table = panel.getByRole('table', { name: 'Rejected lines' });
          const cells = await table.locator('tbody td').allTextContents();
          assert.deepEqual(cells.slice(0, 2), ['people.jsonl', '2']);
          assert.match(cells[2], /^not valid JSON/);
          assert.equal(await table.locator('tbody tr').count(), 1);
          assert.equal(await panel.locator('.import-counts dd').first().textContent(), '2');
          await shoot(page, 'admin-import');

          // The running server found them straight away: the graph caught up with the import.
          // By name (first, as a name match) and by the skill they declared.
          const found = await gql(
            context,
            '{ experts(query: "Imogen Upload", first: 5) { nameMatch person { externalId } } }',
          );
          assert.equal(found.data.experts[0]?.person.externalId, 'e2e-import-1', JSON.stringify(found));
          assert.equal(found.data.experts[0].nameMatch, true);
          const bySkill = await gql(
            context,
            '{ experts(query: "digital preservation", first: 100) { person { externalId } } }',
          );
          assert.ok(
            bySkill.data.experts.some((e) => e.person.externalId === 'e2e-import-1'),
            JSON.stringify(bySkill),
          );
          const log = await gql(context, '{ auditLog(first: 5) { action outcome detail } }');
          const entry = log.data.auditLog.find((e) => e.action === 'import.run');
          assert.ok(entry, 'the import is in the audit log');
          assert.equal(entry.detail.rejected, 1);
        });
      },
    ],

    [
      'a lead invites a suggested member, who joins only by accepting the invitation',
      async () => {
        const answer = await gql(
          context,
          '{ communities(first: 50) { nodes { id name members { role person { id name status } } } } }',
        );
        const community = answer.data.communities.nodes.find((c) =>
          c.members.some((m) => m.role === 'LEAD' && m.person?.status === 'ACTIVE'),
        );
        assert.ok(community, 'a community with an active lead');
        const lead = community.members.find((m) => m.role === 'LEAD' && m.person?.status === 'ACTIVE').person;
        let invitee;
        await as('EMPLOYEE', lead.id, async (ctx) => {
          await onPage(async (page) => {
            await page.goto(`/communities/${encodeURIComponent(community.id)}`);
            const suggested = page.getByRole('list', { name: 'Suggested members' });
            const invite = suggested.getByRole('button', { name: /^Invite / }).first();
            await invite.waitFor();
            invitee = (await invite.textContent()).replace(/^Invite /, '');
            await invite.click();
            await suggested
              .getByRole('status')
              .filter({ hasText: `${invitee} is invited: they join when they accept.` })
              .waitFor();
          }, ctx);
        });
        const members = async () =>
          (
            await gql(context, 'query($id: ID!) { community(id: $id) { members { person { id name } } } }', {
              id: community.id,
            })
          ).data.community.members;
        const person = (
          await gql(context, '{ people(first: 100, filter: { status: ACTIVE }) { nodes { id name } } }')
        ).data.people.nodes.find((p) => p.name === invitee);
        assert.ok(person, `the invited person ${invitee}`);
        assert.ok(!(await members()).some((m) => m.person?.id === person.id), 'invited is not yet a member');
        await as('EMPLOYEE', person.id, async (ctx) => {
          await onPage(async (page) => {
            await page.goto('/communities');
            const list = page.getByRole('list', { name: 'Invitations for you' });
            await list.getByText(`${lead.name} invites you to join`, { exact: false }).waitFor();
            await shoot(page, 'communities-invitation');
            await list.getByRole('button', { name: `Accept and join ${community.name}` }).click();
            await list.waitFor({ state: 'detached' });
            await page
              .getByRole('status')
              .filter({ hasText: `You joined ${community.name}.` })
              .waitFor();
          }, ctx);
        });
        assert.ok(
          (await members()).some((m) => m.person?.id === person.id),
          'accepted, they are a member',
        );
      },
    ],
  ];
}
