// The ask-the-network story in the browser (issue 24): an employee asks the people a search found; Tacit
// routes the question to three and e-mails them (the SMTP server in smtp-server.mjs receives the mail);
// one says "not me", so a fourth is asked and e-mailed; another answers, the asker sees the answer come
// without reloading and accepts it; the answer becomes evidence, its author ranks higher for the question,
// and the judgment reaches `tacit eval --feedback`. HR then reads the knowledge manager's figures. The
// question page and the figures are shot at desktop and phone width (ask-*.png and ask-*-phone.png).
import assert from 'node:assert/strict';
import { signIn, storyTools, waitUntil } from './harness.mjs';

/** The question; the demo organisation has people who know about HR records and their retention. */
const TEXT = 'How long do we keep HR records after someone leaves?';

/**
 * @param {object} env
 * @param {import('playwright-core').Browser} env.browser
 * @param {object} env.context  a browser context signed in as an admin
 * @param {string} env.base
 * @param {(fn: Function, ctx?: object) => Promise<void>} env.onPage
 * @param {(page: object, name: string) => Promise<void>} env.shoot
 * @param {object} env.viewport
 * @param {object} env.phone
 * @param {{ messages: object[] }} env.smtp  the mail Tacit sent, as the SMTP server received it
 * @param {(args: string[]) => Promise<string>} env.cli  runs `tacit` on the server's database
 */
export function questionsStoryChecks({ browser, context, base, onPage, shoot, viewport, phone, smtp, cli }) {
  const gql = async (ctx, query, variables = {}) => {
    const answer = await (await ctx.request.post(`${base}/graphql`, { data: { query, variables } })).json();
    assert.ok(answer.data, JSON.stringify(answer.errors));
    return answer.data;
  };
  /** GraphQL from inside the page, with the page's own session, as the app asks. */
  const fromPage = async (page, query, variables = {}) => {
    const answer = await page.evaluate(
      async ({ query, variables }) =>
        (
          await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query, variables }),
          })
        ).json(),
      { query, variables },
    );
    assert.ok(answer.data, JSON.stringify(answer.errors));
    return answer.data;
  };
  const ranking = async (page) =>
    (
      await fromPage(page, 'query($q: String!) { experts(query: $q, first: 50) { person { id name } } }', { q: TEXT })
    ).experts.map((e) => e.person.id);
  const tools = storyTools({ browser, base, shoot, viewport, phone });
  const { newContext } = tools;
  const shootBoth = async (page, name) => {
    const overflow = await tools.shootBoth(page, name);
    assert.ok(overflow <= 0, `${name} is ${overflow}px wider than a phone screen`);
  };
  /** The people the question page says it went to, in order: id, name and what became of it. */
  const routesOn = async (page) =>
    page
      .getByRole('list', { name: 'People asked' })
      .locator(':scope > li')
      .evaluateAll((items) =>
        items.map((li) => {
          const link = li.querySelector('a[href^="/people/"]');
          return {
            id: decodeURIComponent(link?.getAttribute('href')?.split('/').pop() ?? ''),
            name: link?.textContent ?? '',
            state: li.querySelector('.badge')?.textContent ?? '',
          };
        }),
      );
  const emailOf = async (id) =>
    (await gql(context, 'query($id: ID!) { person(id: $id) { email } }', { id })).person?.email;
  /** The invitations to answer that reached the SMTP server: "<asker> asks: <question>". */
  const invitations = () => smtp.messages.filter((m) => m.subject.endsWith(`asks: ${TEXT}`));

  return [
    [
      'the ask-the-network story: asked from the search, three people e-mailed; "not me" asks and e-mails a fourth; an answer comes, is accepted and becomes evidence; its author ranks higher and the judgment reaches tacit eval --feedback; HR sees the figures',
      async () => {
        const askCtx = await newContext();
        const otherCtx = await newContext();
        const hrCtx = await newContext();
        try {
          // The asker: someone active the ranking does not suggest for the question.
          const found = await gql(
            context,
            'query($q: String!) { people(first: 100, filter: { status: ACTIVE }) { nodes { id name email } } experts(query: $q, first: 50) { person { id } } }',
            { q: TEXT },
          );
          const suggested = new Set(found.experts.map((e) => e.person.id));
          const asker = found.people.nodes.find((p) => !suggested.has(p.id) && /^[A-Za-z]/.test(p.name) && p.email);
          assert.ok(asker, 'someone active who is not suggested for the question');
          await signIn(askCtx, base, 'EMPLOYEE', asker.id);
          let answerer;
          let decliner;

          await onPage(async (page) => {
            // 1. The asker searches, and asks the people found.
            await page.goto(`/search?q=${encodeURIComponent(TEXT)}`);
            await page.getByRole('list', { name: 'Experts', exact: true }).locator(':scope > li').first().waitFor();
            const before = await ranking(page);
            await shootBoth(page, 'ask-0-search');
            // On a phone a compact "Ask these people" shows by the summary at the top, not 4,000 px down.
            await page.setViewportSize(phone);
            const jump = page.getByRole('button', { name: 'Ask these people: the form below the results' });
            await jump.waitFor();
            const top = (await jump.boundingBox())?.y ?? Infinity;
            const firstResult =
              (
                await page
                  .getByRole('list', { name: 'Experts', exact: true })
                  .locator(':scope > li')
                  .first()
                  .boundingBox()
              )?.y ?? 0;
            assert.ok(
              top < firstResult && top < phone.height,
              `the phone's "Ask these people" is ${Math.round(top)}px down, the first result ${Math.round(firstResult)}px`,
            );
            await page.setViewportSize(viewport);
            assert.equal(await jump.isVisible(), false, 'the compact "Ask these people" shows only on a phone');
            await page.getByRole('button', { name: 'Ask these people' }).click();
            const form = page.getByRole('form', { name: 'Ask these people' });
            assert.equal(await form.getByLabel('Your question').inputValue(), TEXT);
            assert.ok(await form.getByRole('radio', { name: /^Public: / }).isChecked(), 'public by default');
            await shoot(page, 'ask-0-form');
            await form.getByRole('button', { name: 'Send the question' }).click();
            await page.waitForURL('**/questions/*');
            await page.getByRole('heading', { level: 1, name: TEXT }).waitFor();
            await page.getByText(/Asked\. Tacit sent your question to 3 people/).waitFor();
            const first = await routesOn(page);
            assert.equal(first.length, 3, `three people asked: ${JSON.stringify(first)}`);
            assert.ok(
              first.every((r) => r.state === 'Asked, waiting'),
              JSON.stringify(first),
            );
            assert.ok(!first.some((r) => r.id === asker.id), 'the asker was asked their own question');
            const reasons = await page
              .getByRole('list', { name: 'People asked' })
              .locator('.route__reason')
              .allTextContents();
            assert.ok(
              reasons.every((r) => r.trim().length > 10),
              `each person asked has the ranking's reason: ${JSON.stringify(reasons)}`,
            );

            // Each of them has an e-mail naming the question, with its link.
            const mails = await waitUntil(
              () => (invitations().length >= 3 ? invitations() : null),
              `three invitations by e-mail (the SMTP server has ${smtp.messages.length} messages)`,
            );
            assert.deepEqual(
              mails.flatMap((m) => m.to).sort(),
              (await Promise.all(first.map((r) => emailOf(r.id)))).sort(),
              'the e-mails went to the people asked',
            );
            for (const m of mails) {
              assert.ok(m.subject.startsWith(`${asker.name} asks: `), `the e-mail names the asker: ${m.subject}`);
              assert.ok(m.text.includes(TEXT), `the e-mail quotes the question: ${m.text}`);
            }
            const link = /Open it in Tacit: (\S+)/.exec(mails[0].text)?.[1];
            assert.ok(link?.startsWith(`${base}/questions/`), `the e-mail links to the question: ${link}`);
            await shootBoth(page, 'ask-1-asked');

            // 2. The best placed of them says "not me", from the link in their e-mail; a fourth is asked and e-mailed.
            decliner = [...first].sort((a, b) => rank(before, a.id) - rank(before, b.id))[0];
            await signIn(otherCtx, base, 'EMPLOYEE', decliner.id);
            await onPage(async (mine) => {
              await mine.goto(link);
              await mine.getByRole('heading', { level: 1, name: TEXT }).waitFor();
              const forYou = mine.getByRole('region', { name: 'Can you answer?' });
              await forYou.getByText('Why you, from Tacit’s ranking:').waitFor();
              await forYou.getByRole('button', { name: 'Not me' }).click();
              await forYou.getByLabel('Why not? (optional; the asker sees it)').fill('I only keep the case files');
              await forYou.getByRole('button', { name: 'Not me: ask someone else' }).click();
              await mine.getByText(/Thank you: Tacit asked .+ instead\./).waitFor();
              await shootBoth(mine, 'ask-2-not-me');
            }, otherCtx);
            const second = await waitUntil(async () => {
              const now = await routesOn(page);
              return now.length === 4 ? now : null;
            }, 'the question page shows a fourth person asked (it asks the server again every 5 s)');
            const fourth = second.find((r) => !first.some((f) => f.id === r.id));
            assert.equal(fourth.state, 'Asked, waiting');
            assert.equal(second.find((r) => r.id === decliner.id).state, 'Said not me');
            await page.getByText('“I only keep the case files”').waitFor();
            const fourthEmail = await emailOf(fourth.id);
            await waitUntil(
              () => invitations().some((m) => m.to.includes(fourthEmail)),
              `an e-mail to ${fourth.name}, asked fourth`,
            );
            assert.equal(invitations().length, 4, 'four invitations in all');

            // 3. The least likely of those still asked answers; the asker's page shows it without reloading.
            const waiting = second.filter((r) => r.state === 'Asked, waiting');
            answerer = [...waiting].sort((a, b) => rank(before, b.id) - rank(before, a.id))[0];
            const was = rank(before, answerer.id);
            const ANSWER = 'Six years after they leave; then the personnel file is destroyed.';
            await signIn(otherCtx, base, 'EMPLOYEE', answerer.id);
            await onPage(async (mine) => {
              // They find it among the questions for them, waiting, with why it came to them.
              await mine.goto('/questions');
              const forMe = mine.getByRole('list', { name: 'Questions for you' });
              const item = forMe.locator(':scope > li').filter({ has: mine.getByRole('link', { name: TEXT }) });
              await item.getByText('Waiting for you').waitFor();
              await item.getByText('Why you:').waitFor();
              await shootBoth(mine, 'ask-3-questions-for-you');
              await item.getByRole('link', { name: TEXT }).click();
              const forYou = mine.getByRole('region', { name: 'Can you answer?' });
              await forYou.getByLabel('Your answer').fill(ANSWER);
              await forYou.getByRole('button', { name: 'Send answer' }).click();
              // The server sends e-mail here, so the page may say the asker is told.
              await mine.getByText(/Sent: .+ is told by e-mail, and sees it here\./).waitFor();
            }, otherCtx);
            const answers = page.getByRole('list', { name: 'Answers' });
            await answers.getByText(ANSWER).waitFor({ timeout: 15_000 });

            // 4. The asker accepts it: the question is answered and the answer kept as evidence.
            await answers.getByRole('button', { name: `This answered it: ${answerer.name}’s answer` }).click();
            await page.getByText(/Thank you: .+ is told, and their answer is kept as evidence/).waitFor();
            await page.locator('.question-page__status').getByText('Answered', { exact: true }).waitFor();
            const evidence = page.locator('.evidence-note');
            await evidence.getByText('Kept as evidence:').waitFor();
            const evidenceLink = evidence.getByRole('link', { name: TEXT });
            assert.equal(await evidenceLink.getAttribute('href'), `/people/${encodeURIComponent(answerer.id)}`);
            await shootBoth(page, 'ask-4-answered');

            // The answerer now ranks higher for the question than before.
            const now = await waitUntil(
              async () => {
                const after = await ranking(page);
                return rank(after, answerer.id) < was ? after : null;
              },
              `${answerer.name} (${was + 1}. before) ranks higher once their answer is evidence`,
            );
            console.log(
              `     ${answerer.name}: ${was === Infinity ? 'unranked' : `#${was + 1}`} before, #${rank(now, answerer.id) + 1} after`,
            );

            // The evidence is on the answerer's profile.
            await evidenceLink.click();
            await page.getByRole('heading', { level: 1, name: answerer.name }).waitFor();
            await page.getByRole('list', { name: 'Evidence' }).getByText(TEXT).waitFor();

            // The asker's list says where the question stands.
            await page.goto('/questions');
            const mine = page.getByRole('list', { name: 'Your questions' });
            await mine.getByRole('link', { name: TEXT }).waitFor();
            await mine.getByText('1 answer · asked of 4 people').waitFor();
            await shootBoth(page, 'ask-5-your-questions');
          }, askCtx);

          // 5. The accepted answer and the "not me" are judgments `tacit eval --feedback` scores the ranking with.
          const report = JSON.parse(await cli(['eval', '--feedback', '--json']));
          assert.ok(report.queries >= 1, `eval --feedback scored ${report.queries} queries: ${JSON.stringify(report)}`);
          console.log(`     tacit eval --feedback --json: ${JSON.stringify(report)}`);

          // 6. HR reads how the network answers.
          await signIn(hrCtx, base, 'HR');
          await onPage(async (page) => {
            await page.goto('/search');
            await page
              .getByRole('navigation', { name: 'Main' })
              .getByRole('link', { name: 'Network', exact: true })
              .click();
            await page.waitForURL('**/network');
            await page.getByRole('heading', { level: 1, name: 'How the network answers' }).waitFor();
            await page.getByRole('heading', { level: 2, name: 'In the last 28 days' }).waitFor();
            const asked = await page.locator('.network-figures__item').first().textContent();
            assert.match(asked, /^Asked[1-9]\d*$/);
            const weeks = await page.getByRole('img', { name: /^Questions asked per week/ }).getAttribute('aria-label');
            assert.match(weeks, / [1-9]\d*\.$/, `this week counts the question: ${weeks}`);
            await page
              .getByText(/^\d+ of \d+ questions? asked \(\d+%\) had a first answer within 24 hours\.$/)
              .waitFor();
            const people = page.getByRole('table', { name: 'Routed and answered, per person' });
            const row = (name) =>
              people.locator('tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });
            assert.match(await row(answerer.name).textContent(), /1 answered/);
            assert.match(await row(decliner.name).textContent(), /1 not me/);
            await shootBoth(page, 'ask-6-network');
            await page.getByRole('radio', { name: 'Last 7 days' }).check();
            await page.waitForURL((url) => url.searchParams.get('days') === '7');
            await page.getByRole('heading', { level: 2, name: 'In the last 7 days' }).waitFor();
          }, hrCtx);
        } finally {
          await askCtx.close();
          await otherCtx.close();
          await hrCtx.close();
        }
      },
    ],
  ];
}

/** Where `id` is in a ranking (0 is first); not in it at all ranks after everyone. */
function rank(ids, id) {
  const at = ids.indexOf(id);
  return at < 0 ? Infinity : at;
}
