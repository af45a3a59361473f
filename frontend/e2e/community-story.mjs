// The community lead's story in the browser (issue 22): an employee proposes a community and waits for an
// admin, who approves it; the proposer, now its only lead, cannot leave and is told why; they edit it
// (description, a skill, closed), invite two suggested members who accept as themselves, name one of them
// lead (and so may leave), and decline someone's request with a reason that the applicant then reads.
// Each changed page is shot at desktop and phone width (community-*.png and community-*-phone.png).
import assert from 'node:assert/strict';
import { signIn, storyTools } from './harness.mjs';

/**
 * @param {object} env
 * @param {import('playwright-core').Browser} env.browser
 * @param {object} env.context  a browser context signed in as an admin
 * @param {string} env.base
 * @param {(fn: Function, ctx?: object) => Promise<void>} env.onPage
 * @param {(page: object, name: string) => Promise<void>} env.shoot
 * @param {object} env.viewport
 * @param {object} env.phone
 */
export function communityStoryChecks({ browser, context, base, onPage, shoot, viewport, phone }) {
  const gql = async (ctx, query, variables = {}) => {
    const answer = await (await ctx.request.post(`${base}/graphql`, { data: { query, variables } })).json();
    assert.ok(answer.data, JSON.stringify(answer.errors));
    return answer.data;
  };
  const tools = storyTools({ browser, base, shoot, viewport, phone });
  const { newContext } = tools;
  /** The page at desktop width, then at phone width (no sideways scrolling there), then back. */
  const shootBoth = async (page, name) => {
    const overflow = await tools.shootBoth(page, name);
    assert.ok(overflow <= 0, `${name} is ${overflow}px wider than a phone screen`);
  };
  const NAME = 'Story circle: records in practice';

  return [
    [
      'the community story: proposed, approved, edited, two suggested members invited who accept, a new lead named, a request declined with a reason the applicant reads; the only lead cannot leave and is told why',
      async () => {
        const leadCtx = await newContext();
        const otherCtx = await newContext();
        try {
          // The proposer: someone active who leads nothing yet; a skill that people hold, from a demo community.
          const data = await gql(
            context,
            '{ people(first: 100, filter: { status: ACTIVE }) { nodes { id name } } communities(first: 50) { nodes { skills { id name } members { role person { id } } } } }',
          );
          const leaders = new Set(
            data.communities.nodes.flatMap((c) => c.members.filter((m) => m.role === 'LEAD').map((m) => m.person?.id)),
          );
          const lead = data.people.nodes.find((p) => !leaders.has(p.id) && /^[A-Za-z]/.test(p.name));
          assert.ok(lead, 'someone active who leads no community');
          const skills = data.communities.nodes.flatMap((c) => c.skills);
          assert.ok(skills.length >= 2, 'demo communities have skills');
          const [first, second] = [skills[0], skills.find((s) => s.id !== skills[0].id)];
          await signIn(leadCtx, base, 'EMPLOYEE', lead.id);

          // 1. The employee proposes it: it waits for an admin, and the page says so.
          await onPage(async (page) => {
            await page.goto('/communities');
            await page.getByRole('button', { name: 'Propose a community' }).click();
            await page.getByText('An admin approves a new community before it is listed.').waitFor();
            await page.getByLabel('Name', { exact: true }).fill(NAME);
            await page.getByLabel('Description').fill('Practitioners who keep records.');
            await page.getByLabel('Add a skill').fill(first.name.slice(0, 4));
            await page
              .getByRole('list', { name: 'Add a skill: matches' })
              .getByRole('button', { name: first.name, exact: true })
              .click();
            await page.getByRole('list', { name: 'Chosen skills' }).getByText(first.name).waitFor();
            await page.getByRole('button', { name: 'Send for approval' }).click();
            await page.getByText(/Sent to the admins: .* is waiting for approval\. You are its lead/).waitFor();
            const mine = page.getByRole('list', { name: 'Your proposals' });
            await mine.getByRole('link', { name: NAME }).waitFor();
            await mine.getByText('Waiting for approval').waitFor();
            await shootBoth(page, 'community-1-proposed');
          }, leadCtx);

          // 2. An admin approves it from the admin page.
          await onPage(async (page) => {
            await page.goto('/admin');
            const proposed = page.getByRole('list', { name: 'Proposed communities' });
            await proposed.getByText(NAME, { exact: true }).waitFor();
            await proposed.getByRole('button', { name: `Approve ${NAME}` }).click();
            await page.getByText(`Approved ${NAME}: it is live and listed under Communities.`).waitFor();
            await shootBoth(page, 'community-2-approved');
          });
          const found = await gql(
            context,
            'query($p: String!) { communities(first: 5, prefix: $p) { nodes { id name status } } }',
            { p: NAME },
          );
          const community = found.communities.nodes.find((c) => c.name === NAME);
          assert.equal(community?.status, 'ACTIVE');
          const path = `/communities/${encodeURIComponent(community.id)}`;

          // 3. Its only lead cannot leave, and is told why; they edit it: description, a second skill, closed.
          await onPage(async (page) => {
            await page.goto(path);
            await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
            await page.getByText(`You are the only lead of ${NAME}, so you cannot leave yet`).waitFor();
            assert.equal(
              await page.getByRole('button', { name: `Leave ${NAME}` }).count(),
              0,
              'the only lead is offered Leave',
            );
            await page.getByRole('button', { name: 'Edit name, description, skills or visibility' }).click();
            const about = page.getByRole('region', { name: 'About this community' });
            await about.getByLabel('Description').fill('Practitioners who keep records, and keep them well.');
            await about.getByLabel('Add a skill').fill(second.name.slice(0, 4));
            await about
              .getByRole('list', { name: 'Add a skill: matches' })
              .getByRole('button', { name: second.name, exact: true })
              .click();
            await about.getByRole('radio', { name: /^Closed/ }).check();
            await about.getByRole('button', { name: 'Save changes' }).click();
            await about.getByText(/Saved: the community/).waitFor();
            await page.locator('p.lead').getByText('Practitioners who keep records, and keep them well.').waitFor();
            await page
              .getByRole('list', { name: 'Skills of this community' })
              .getByRole('link', { name: second.name })
              .waitFor();
            await page.getByRole('heading', { level: 1 }).getByText('Closed').waitFor();
            await shootBoth(page, 'community-3-edited');
          }, leadCtx);

          // 4. The lead invites the first two suggested members, each with their reasons shown.
          const invited = [];
          await onPage(async (page) => {
            await page.goto(path);
            const suggested = page.getByRole('list', { name: 'Suggested members' });
            await suggested.locator(':scope > li').first().waitFor();
            const items = suggested.locator(':scope > li');
            assert.ok((await items.count()) >= 2, 'at least two suggested members');
            for (let i = 0; i < 2; i += 1) {
              const item = items.nth(i);
              const link = item.getByRole('link').first();
              const name = (await link.textContent()).trim();
              const id = decodeURIComponent((await link.getAttribute('href')).split('/').pop());
              assert.ok(
                (await item.locator('.explanation').textContent()).trim().length > 5,
                `no reason shown for ${name}`,
              );
              await item.getByRole('button', { name: `Invite ${name}` }).click();
              await item.getByText(`${name} is invited: they join when they accept.`).waitFor();
              invited.push({ id, name });
            }
            await shootBoth(page, 'community-4-invited');
          }, leadCtx);

          // 5. Each of them, signed in as themselves, accepts.
          for (const [i, person] of invited.entries()) {
            await signIn(otherCtx, base, 'EMPLOYEE', person.id);
            await onPage(async (page) => {
              await page.goto('/communities');
              const mine = page.getByRole('list', { name: 'Invitations for you' });
              await mine.getByRole('link', { name: NAME }).waitFor();
              if (i === 0) await shootBoth(page, 'community-5-invitation');
              await mine.getByRole('button', { name: `Accept and join ${NAME}` }).click();
              await page.getByText(`You joined ${NAME}.`).waitFor();
            }, otherCtx);
          }

          // 6. The lead names the first a lead too, and may now leave; activity shows this month's joins.
          await onPage(async (page) => {
            await page.goto(path);
            const members = page.getByRole('list', { name: 'Members', exact: true });
            for (const p of invited) await members.getByRole('link', { name: p.name }).waitFor();
            await page.getByLabel(`Role of ${invited[0].name}`, { exact: true }).selectOption('LEAD');
            await page.getByRole('button', { name: `Save the role of ${invited[0].name}` }).click();
            await page
              .getByRole('status')
              .filter({ hasText: `${invited[0].name} is now lead.` })
              .waitFor();
            await page.getByRole('button', { name: `Leave ${NAME}` }).waitFor();
            const chart = page.getByRole('figure', { name: 'Activity over the last 12 months' });
            const months = chart.getByRole('list', { name: 'Activity by month' }).getByRole('img');
            assert.equal(await months.count(), 12);
            const now = new Date().toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
            assert.match(
              await months.last().getAttribute('aria-label'),
              new RegExp(`^${now}: \\d+ documents?, \\d+ answers?, 3 joins$`),
            );
            assert.doesNotMatch(await chart.textContent(), /\d{4}-\d{2}/, 'a month shown as YYYY-MM');
            await chart.getByRole('button', { name: 'Show as a table' }).click();
            await chart.getByRole('table').getByRole('rowheader', { name: now }).waitFor();
            await chart.scrollIntoViewIfNeeded();
            await shootBoth(page, 'community-6-new-lead-and-activity');
          }, leadCtx);

          // 7. Someone else asks to join; the lead declines with a reason, which they then read.
          const asker = data.people.nodes.find(
            (p) => p.id !== lead.id && !invited.some((x) => x.id === p.id) && /^[A-Za-z]/.test(p.name),
          );
          await signIn(otherCtx, base, 'EMPLOYEE', asker.id);
          await onPage(async (page) => {
            await page.goto(path);
            await page.getByLabel('A word to the leads (optional)').fill('I file the Belfast records');
            await page.getByRole('button', { name: 'Ask to join' }).click();
            await page.getByText('You asked to join; the leads will answer.').waitFor();
          }, otherCtx);
          await onPage(async (page) => {
            await page.goto(path);
            const requests = page.getByRole('list', { name: 'Requests to join' });
            await requests.getByRole('link', { name: asker.name }).waitFor();
            await requests.getByLabel('Reason (needed to decline)').fill('This circle is for records staff in Sydney');
            await requests.getByRole('button', { name: `Decline ${asker.name}` }).click();
            await requests.getByRole('link', { name: asker.name }).waitFor({ state: 'detached' });
          }, leadCtx);
          await onPage(async (page) => {
            await page.goto(path);
            await page.getByText('This circle is for records staff in Sydney').waitFor();
            await page.getByText(/The leads declined your request to join/).waitFor();
            await shootBoth(page, 'community-7-declined-reason');
          }, otherCtx);
        } finally {
          await leadCtx.close();
          await otherCtx.close();
        }
      },
    ],
  ];
}
