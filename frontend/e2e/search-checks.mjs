// Browser checks for how expert search reads a question: match strength, corrected
// spelling, a colleague's name and a question that matches nobody. run.mjs passes in what they share.
import assert from 'node:assert/strict';

const STRENGTH = /^(Strong|Partial|Weak) match$/;
const UNCLEAR = 'No one clearly matches your question; the closest are:';

/**
 * @param {object} env
 * @param {import('playwright-core').BrowserContext} env.context  signed in as an admin
 * @param {string} env.base
 * @param {(fn: Function, ctx?: object) => Promise<void>} env.onPage
 * @param {(page: object, name: string) => Promise<void>} env.shoot
 * @param {(page: object) => object} env.questionBox  the question field
 * @param {(page: object) => Promise<object>} env.expertCards  waits for the answer, then returns the result cards
 */
export function searchChecks({ context, base, onPage, shoot, questionBox, expertCards }) {
  const gql = async (query, variables = {}) =>
    (await context.request.post(`${base}/graphql`, { data: { query, variables } })).json();

  /** An active colleague search can return (never the asker) whose full name nobody else has. */
  const colleagueToFind = async () => {
    const me = await gql('{ me { person { id } } }');
    const found = await gql('{ people(first: 20, filter: { status: ACTIVE }) { nodes { id name discoverable } } }');
    assert.ok(found.data?.people, `people query failed: ${JSON.stringify(found.errors)}`);
    for (const person of found.data.people.nodes) {
      if (!person.discoverable || person.id === me.data?.me?.person?.id) continue;
      const namesakes = await gql(
        'query($n: String!) { people(first: 5, filter: { namePrefix: $n }) { nodes { name } } }',
        { n: person.name },
      );
      if (namesakes.data.people.nodes.filter((p) => p.name === person.name).length === 1) return person;
    }
    assert.fail('no active, discoverable colleague with a name of their own among the first 20 people');
  };

  return [
    [
      'a question in everyday words finds people, each labelled with how well they match',
      () =>
        onPage(async (page) => {
          const question = 'who knows Kubernetes';
          await page.goto('/search');
          await questionBox(page).fill(question);
          await page.waitForURL((url) => url.searchParams.get('q') === question);
          const cards = await expertCards(page);
          const count = await cards.count();
          assert.ok(count > 0, `nobody found for "${question}"`);
          const strengths = [];
          for (let i = 0; i < count; i += 1) {
            const label = cards.nth(i).getByText(STRENGTH);
            assert.equal(await label.count(), 1, `result ${i + 1} does not say how well it matches`);
            strengths.push((await label.textContent()).trim());
          }
          // The note shows exactly when nobody matches strongly.
          const unclear = await page.getByRole('status').getByText(UNCLEAR).count();
          assert.equal(
            unclear,
            strengths.includes('Strong match') ? 0 : 1,
            `strengths ${JSON.stringify(strengths)}, "${UNCLEAR}" shown ${unclear} times`,
          );
          await shoot(page, 'search-strength');
        }),
    ],

    [
      'a misspelt skill word is read as the skill, and the page says so',
      () =>
        onPage(async (page) => {
          await page.goto(`/search?q=${encodeURIComponent('kubernetis')}`);
          const line = page.getByRole('status').getByText(/^Showing results for /);
          await line.waitFor();
          const read = (await line.locator('em').textContent()).trim();
          assert.ok(read.toLowerCase().includes('kubernetes'), `showing results for "${read}"`);
          await shoot(page, 'search-corrected');
        }),
    ],

    [
      'searching a colleague’s full name lists them first, marked as a name match',
      () =>
        onPage(async (page) => {
          const colleague = await colleagueToFind();
          await page.goto(`/search?q=${encodeURIComponent(colleague.name)}`);
          const first = (await expertCards(page)).first();
          assert.equal((await first.locator('[data-result-link]').textContent()).trim(), colleague.name);
          await first.getByText('Name match', { exact: true }).waitFor();
          assert.equal(await first.getByText(STRENGTH).count(), 1, 'the name match does not say how well it matches');
          await shoot(page, 'search-name');
        }),
    ],

    [
      'from the question box, Tab reaches the tenth result in at most twelve presses; arrows reach its links',
      () =>
        onPage(async (page) => {
          const question = 'records retention';
          await page.goto(`/search?q=${encodeURIComponent(question)}`);
          const cards = await expertCards(page);
          assert.ok((await cards.count()) >= 10, `fewer than ten people found for "${question}"`);
          const tenth = (await cards.nth(9).locator('[data-result-link]').textContent()).trim();
          await questionBox(page).focus();
          let presses = 0;
          let focused = '';
          const stops = [];
          while (presses < 12) {
            await page.keyboard.press('Tab');
            presses += 1;
            const at = await page.evaluate(() => {
              const el = document.activeElement;
              return {
                result: el?.hasAttribute('data-result-link') ? el.textContent.trim() : '',
                what: `${el?.tagName} ${el?.getAttribute('aria-label') ?? el?.textContent?.trim().slice(0, 40)}`,
              };
            });
            focused = at.result;
            stops.push(at.what);
            if (focused === tenth) break;
          }
          assert.equal(
            focused,
            tenth,
            `after ${presses} presses of Tab the tenth result (${tenth}) is not focused; the stops: ${stops.join(' | ')}`,
          );
          // Its links are one arrow away, and Tab goes on past it.
          const links = await cards.nth(9).locator('[data-inner-link]').count();
          assert.equal(
            await cards.nth(9).locator('a:not([tabindex="-1"])').count(),
            1,
            'the tenth result has more than one tab stop',
          );
          await page.keyboard.press('ArrowRight');
          const inner = await page.evaluate(() => document.activeElement?.hasAttribute('data-inner-link') ?? false);
          assert.equal(
            inner,
            links > 0,
            `the right arrow ${inner ? 'moved' : 'did not move'} into the result's ${links} links`,
          );
          await shoot(page, 'search-keyboard-tenth');
          const desktop = page.viewportSize();
          await page.setViewportSize({ width: 390, height: 844 });
          await shoot(page, 'search-keyboard-tenth-phone');
          await page.setViewportSize(desktop);
        }),
    ],

    [
      'a question that matches nobody says so and suggests what to try',
      () =>
        onPage(async (page) => {
          await page.goto('/search?q=zzqxv');
          await page.getByRole('heading', { level: 2, name: 'Things to try' }).waitFor();
          await page.getByRole('status').getByText('Nobody found for “zzqxv”.').waitFor();
          assert.equal(
            await page.getByRole('list', { name: 'Experts', exact: true }).count(),
            0,
            'results are listed for "zzqxv"',
          );
        }),
    ],
  ];
}
