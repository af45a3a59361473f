// The harvest story in the browser (issues 12 and 21): a leaver's at-risk knowledge, the interview with its
// guardrails, publication, and what it changes on the risk page, the queue, the skill page and community
// health; then early destruction asked for by one HR person, refused for them, approved by a second, with
// both names on the certificate; and the audit log read by an admin. Each changed page is shot at desktop
// and phone width (story-*.png and story-*-phone.png). run.mjs passes in what the checks share.
import assert from 'node:assert/strict';
import { signIn, storyTools } from './harness.mjs';

/**
 * @param {object} env
 * @param {import('playwright-core').Browser} env.browser
 * @param {string} env.base
 * @param {(fn: Function, ctx?: object) => Promise<void>} env.onPage
 * @param {(page: object, name: string) => Promise<void>} env.shoot
 * @param {object} env.shared  what checks leave for later ones (`interviewPath`)
 * @param {object} env.viewport
 * @param {object} env.phone
 */
export function harvestStoryChecks({ browser, base, onPage, shoot, shared, viewport, phone }) {
  const gql = async (ctx, query, variables = {}) =>
    (await ctx.request.post(`${base}/graphql`, { data: { query, variables } })).json();
  // The page at desktop width, then at phone width (back to desktop afterwards).
  const { newContext, shootBoth } = storyTools({ browser, base, shoot, viewport, phone });
  const riskOf = async (ctx, skillId) => {
    const risk = await gql(
      ctx,
      '{ knowledgeAtRisk(first: 100) { skill { id } riskScore busFactor harvestedFrom { id name } successors { id name } } }',
    );
    assert.ok(risk.data, JSON.stringify(risk.errors));
    return risk.data.knowledgeAtRisk.find((r) => r.skill.id === skillId);
  };

  return [
    [
      'the harvest story: risk before, an interview with guardrails, publication, and the harvest shown on risk, queue, skill page and community health; an employee cannot open the transcript',
      async () => {
        const hrCtx = await newContext();
        const empCtx = await newContext();
        try {
          const hrMe = await signIn(hrCtx, base, 'HR');
          // A leaver with at-risk knowledge and no interview yet, one of their
          // scarce skills, and a colleague who does not hold it to name as successor.
          const queue = await gql(
            hrCtx,
            '{ interviewQueue(first: 50) { person { id name } skills { skill { id name } } interview { id } } }',
          );
          const hrId = hrMe.person?.id;
          const leaver = queue.data.interviewQueue.find(
            (l) => !l.interview && l.skills.length > 0 && l.person.id !== hrId,
          );
          assert.ok(leaver, 'the demo organisation has a leaver with at-risk knowledge and no interview');
          const skill = leaver.skills[0].skill;
          const before = await riskOf(hrCtx, skill.id);
          assert.ok(before, `${skill.name} is at risk to begin with`);
          assert.deepEqual(before.harvestedFrom, [], 'nothing harvested yet');
          const holders = await gql(
            hrCtx,
            'query($s: ID!) { people(first: 100, filter: { skillId: $s }) { nodes { id } } }',
            { s: skill.id },
          );
          const held = new Set(holders.data.people.nodes.map((p) => p.id));
          const active = await gql(hrCtx, '{ people(first: 100, filter: { status: ACTIVE }) { nodes { id name } } }');
          const successor = active.data.people.nodes.find(
            (p) => !held.has(p.id) && ![leaver.person.id, hrId].includes(p.id) && /^[A-Za-z]/.test(p.name),
          );
          assert.ok(successor, 'someone active who does not hold the skill');
          const reader = active.data.people.nodes.find((p) => ![leaver.person.id, successor.id, hrId].includes(p.id));
          await signIn(empCtx, base, 'EMPLOYEE', reader.id);
          shared.story = { leaver, skill, successor, hrId };

          await onPage(async (page) => {
            // Before: the risk row names no harvest, and the queue lists the skill for the leaver.
            await page.goto('/hr/risk');
            const table = page.getByRole('table', { name: 'Skills at risk, riskiest first' });
            await table.waitFor();
            const queueList = page.getByRole('list', { name: 'Interview queue', exact: true });
            const item = queueList
              .locator(':scope > li')
              .filter({ has: page.getByRole('link', { name: leaver.person.name, exact: true }) });
            await item
              .getByRole('list', { name: `At-risk skills held by ${leaver.person.name}` })
              .getByText(skill.name)
              .first()
              .waitFor();
            await shootBoth(page, 'story-1-risk-before');

            await item.getByRole('button', { name: 'Schedule interview' }).click();
            await page.waitForURL('**/interviews/**');
            await page
              .getByRole('heading', { level: 1, name: `Interview with ${leaver.person.name} Scheduled` })
              .waitFor();
            await page
              .getByText(/HR \(you or anyone in HR\) starts the interview/)
              .first()
              .waitFor();
            await page.getByRole('button', { name: 'Start interview' }).click();
            await page.getByRole('button', { name: 'Complete interview' }).waitFor();
            const firstAnswer = page.locator('ol.questions textarea').first();
            await firstAnswer.fill('Ask my successor; the notes are in the team drive.');
            await page.getByRole('button', { name: 'Save answers and notes' }).click();
            await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
            await shoot(page, 'interview-workspace');

            // Topics start as the leaver's at-risk skills, so this one is there already.
            await page.getByRole('link', { name: skill.name, exact: true }).first().waitFor();
            await page.getByLabel('For the topic').selectOption({ label: skill.name });
            await page.getByLabel('What to ask them about (optional)').fill('the handover notes');
            await page.getByLabel('Successor', { exact: true }).fill(successor.name.split(' ')[0]);
            await page
              .getByRole('list', { name: 'Successor: matches' })
              .getByRole('button', { name: successor.name, exact: true })
              .click();
            await page
              .getByRole('list', { name: `Successors for ${skill.name}` })
              .getByRole('link', { name: successor.name })
              .waitFor();

            await page.getByLabel(/agrees that HR may publish a summary/).check();
            // Only the first question was answered: completing asks first, naming how many have no answer.
            const asked = new Promise((resolve) =>
              page.once('dialog', async (d) => {
                resolve(d.message());
                await d.accept();
              }),
            );
            await page.getByRole('button', { name: 'Complete interview' }).click();
            assert.match(String(await asked), /questions have no answer/);
            await page
              .getByLabel('Summary for everyone (never the answers)')
              .fill(`How ${skill.name} is handled, and who to ask now.`);
            await page.getByRole('button', { name: 'Publish summary' }).click();
            await page
              .getByRole('heading', { level: 1, name: `Interview with ${leaver.person.name} Published` })
              .waitFor();
            shared.interviewPath = new URL(page.url()).pathname;
            await shootBoth(page, 'story-2-interview-published');

            // After: the risk row names the harvest and the successor, with a lower score.
            await page.goto('/hr/risk');
            const row = page
              .getByRole('table', { name: 'Skills at risk, riskiest first' })
              .locator('tbody tr')
              .filter({ has: page.getByRole('link', { name: skill.name, exact: true }) });
            const after = await riskOf(hrCtx, skill.id);
            if (after) {
              assert.ok(
                after.riskScore < before.riskScore,
                `risk of ${skill.name} fell (${before.riskScore} → ${after.riskScore})`,
              );
              assert.deepEqual(
                after.harvestedFrom.map((p) => p.name),
                [leaver.person.name],
              );
              await row.getByText(`Harvested from ${leaver.person.name}`).first().waitFor();
            }
            // The queue no longer lists the harvested topic for the leaver.
            const stillQueued = page.getByRole('list', { name: `At-risk skills held by ${leaver.person.name}` });
            if (await stillQueued.count()) {
              assert.equal(
                await stillQueued.getByText(skill.name, { exact: true }).count(),
                0,
                'the harvested topic left the queue',
              );
            }
            await shootBoth(page, 'story-3-risk-after');

            await page.goto(`/skills/${encodeURIComponent(skill.id)}`);
            const harvested = page.getByRole('region', { name: 'Knowledge harvested' });
            await harvested.getByText(leaver.person.name).first().waitFor();
            await harvested.getByText(successor.name).first().waitFor();
            await shootBoth(page, 'story-4-skill-page');

            await page.goto(`/search?q=${encodeURIComponent(skill.name)}`);
            const card = page
              .getByRole('listitem')
              .filter({ hasText: `named by leaver ${leaver.person.name} as successor` });
            await card.first().waitFor();
            assert.ok(
              (await card.first().textContent()).includes(successor.name),
              'the successor is found, named by the leaver',
            );
            await shoot(page, 'search-successor');
          }, hrCtx);

          // Community health (for its leads and admins), where the leaver is in a community with this skill.
          const communities = await gql(
            hrCtx,
            '{ communities(first: 100) { nodes { id skills { id } members { person { id } } } } }',
          );
          const theirs = communities.data.communities.nodes.find(
            (c) => c.skills.some((s) => s.id === skill.id) && c.members.some((m) => m.person?.id === leaver.person.id),
          );
          if (theirs) {
            await onPage(async (page) => {
              await page.goto(`/communities/${encodeURIComponent(theirs.id)}`);
              const health = page.getByRole('region', { name: 'Health' });
              await health.waitFor();
              await health.getByText(successor.name).first().waitFor();
              await shootBoth(page, 'story-5-community-health');
            });
          }

          await onPage(async (page) => {
            await page.goto(shared.interviewPath);
            await page.getByRole('heading', { level: 2, name: 'Summary' }).waitFor();
            assert.equal(
              await page.getByRole('heading', { name: 'Transcript' }).count(),
              0,
              'an employee sees no transcript section',
            );
            assert.equal(await page.getByRole('button', { name: 'Open transcript' }).count(), 0);
            const id = decodeURIComponent(shared.interviewPath.split('/').pop());
            const denied = await gql(
              empCtx,
              'query($id: ID!) { interview(id: $id) { transcript { questions { answer } } } }',
              { id },
            );
            assert.equal(
              denied.errors?.[0]?.extensions?.code,
              'FORBIDDEN',
              'the API refuses an employee the transcript',
            );
            await shoot(page, 'interview-as-employee');
          }, empCtx);
        } finally {
          await hrCtx.close();
          await empCtx.close();
        }
      },
    ],

    [
      'early destruction: one HR person asks, is refused their own approval, a second approves, and the certificate names both',
      async () => {
        assert.ok(shared.interviewPath && shared.story, 'needs the interview published by the previous check');
        const { leaver, hrId } = shared.story;
        const firstCtx = await newContext();
        const secondCtx = await newContext();
        try {
          const first = await signIn(firstCtx, base, 'HR', hrId);
          const people = await gql(
            firstCtx,
            '{ people(first: 100, filter: { status: ACTIVE }) { nodes { id name } } }',
          );
          const second = people.data.people.nodes.find(
            (p) => ![hrId, leaver.person.id].includes(p.id) && /^[A-Za-z]/.test(p.name),
          );
          await signIn(secondCtx, base, 'HR', second.id);
          const firstName = first.person.name;

          await onPage(async (page) => {
            await page.goto(shared.interviewPath);
            const retention = page.getByRole('region', { name: 'Retention' });
            await retention.waitFor();
            // A period below the configured one cannot be saved alone.
            await retention.getByLabel("This record's period, days from completion").fill('0');
            await retention.getByText(/a second HR or admin person must approve it/).waitFor();
            assert.equal(await retention.getByRole('button', { name: 'Save retention' }).isDisabled(), true);
            await retention.getByLabel('Dispose of the transcript now').check();
            await retention
              .getByLabel('Why (kept with the request and in the audit log)')
              .fill('The leaver asked us to delete the transcript');
            await retention.getByRole('button', { name: 'Ask for approval' }).click();
            await retention.getByText('You asked for this, so someone else in HR must approve it.').waitFor();
            assert.equal(
              await retention.getByRole('button', { name: 'Approve' }).count(),
              0,
              'no approve button for the requester',
            );
            await shootBoth(page, 'story-6-destruction-requested');
            // The API refuses her approval too, and says why.
            const waiting = await gql(firstCtx, '{ disposalRequests { id } }');
            const rid = waiting.data.disposalRequests[0].id;
            const own = await gql(
              firstCtx,
              'mutation($id: String!) { decideDisposalRequest(input: { id: $id, decision: APPROVE }) { request { status } } }',
              { id: rid },
            );
            assert.equal(own.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(own));
            assert.match(own.errors[0].message, /another HR or admin person/);
          }, firstCtx);

          await onPage(async (page) => {
            await page.goto('/hr/retention');
            const requests = page.getByRole('region', { name: 'Early destruction requests' });
            await requests.getByText(firstName).first().waitFor();
            await shootBoth(page, 'story-7-retention-to-approve');
            await requests.getByLabel('Note for the record (optional)').fill('Agreed with the records manager');
            page.once('dialog', (d) => d.accept());
            await requests.getByRole('button', { name: 'Approve' }).click();
            await page.getByRole('status').filter({ hasText: 'Approved: dispose of the transcript now' }).waitFor();
            const certificates = page.getByRole('table', { name: 'Disposal certificates' });
            const row = certificates
              .locator('tbody tr')
              .filter({ hasText: 'disposed of early on approved request' })
              .first();
            await row.waitFor();
            const text = await row.textContent();
            assert.ok(text.includes(`Requested by ${firstName}`), text);
            assert.ok(text.includes(`approved by ${second.name}`), text);
            await shootBoth(page, 'story-8-certificate-both-names');

            await page.goto(shared.interviewPath);
            await page
              .getByRole('heading', { level: 1, name: `Interview with ${leaver.person.name} Transcript disposed of` })
              .waitFor();
          }, secondCtx);

          // An admin reads the story in the audit log, in words.
          await onPage(async (page) => {
            await page.goto('/admin?action=interview');
            const entries = page.getByText(
              `${second.name} approved early destruction of Interview with ${leaver.person.name}`,
            );
            await entries.first().waitFor();
            await shootBoth(page, 'story-9-audit-log');
            await page.goto('/admin?action=denied');
            await page
              .getByText(`${firstName} was refused permission to approve or reject early destruction`)
              .first()
              .waitFor();
          });
        } finally {
          await firstCtx.close();
          await secondCtx.close();
        }
      },
    ],
  ];
}
