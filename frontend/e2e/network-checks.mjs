// Browser checks for a person's network: the drawing, two steps out, the kind filter and the reasons. run.mjs passes in what they share.
import assert from 'node:assert/strict';
import { waitUntil } from './harness.mjs';

/**
 * @param {object} env
 * @param {import('playwright-core').BrowserContext} env.context  signed in as an admin
 * @param {string} env.base
 * @param {(fn: Function, ctx?: object) => Promise<void>} env.onPage
 * @param {(page: object, name: string) => Promise<void>} env.shoot  desktop and phone screenshots
 * @param {(name: string) => string} env.shotPath  where a screenshot called `name` goes
 */
export function networkChecks({ context, base, onPage, shotPath }) {
  const gql = async (query, variables = {}) =>
    (await context.request.post(`${base}/graphql`, { data: { query, variables } })).json();
  const NETWORK =
    'query($id: ID!, $steps: Int!) { person(id: $id) { network(first: 40, steps: $steps) { nodes { id kind label } steps edges { source target } truncated } } }';

  return [
    [
      'the Person page draws the network, two steps out on request, filtered by kind, with the reason for each link',
      async () => {
        const found = await gql(
          '{ people(first: 100, filter: { status: ACTIVE }) { nodes { id name skills { skill { id } } } } }',
        );
        const person = found.data.people.nodes.find((p) => p.skills.length >= 2);
        const one = (await gql(NETWORK, { id: person.id, steps: 1 })).data?.person?.network;
        assert.ok(one && one.nodes.length > 2, `network of ${person.name}`);
        await onPage(async (page) => {
          await page.goto(`/people/${encodeURIComponent(person.id)}`);
          await page.getByRole('heading', { level: 2, name: 'Network' }).waitFor();
          const drawing = page.getByRole('img', { name: new RegExp(`^${person.name}’s network: `) });
          await drawing.and(page.locator('[data-drawn="true"]')).waitFor();
          assert.ok((await drawing.locator('canvas').count()) > 0, 'cytoscape drew no canvas');
          // Something is painted: some pixel of cytoscape's layers is not transparent.
          const painted = await waitUntil(
            () =>
              drawing.evaluate((el) =>
                [...el.querySelectorAll('canvas')].some((c) => {
                  const ctx = c.getContext('2d');
                  if (!ctx || c.width === 0 || c.height === 0) return false;
                  const { data } = ctx.getImageData(0, 0, c.width, c.height);
                  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
                  return false;
                }),
              ),
            'the network canvas stayed blank',
          );
          assert.ok(painted);

          // The list names every neighbour, grouped by kind, strongest first within its kind, each with its reason.
          const group = page.getByRole('group', { name: `Linked to ${person.name}` });
          const items = group.locator('li');
          assert.equal(await items.count(), one.nodes.length - 1, 'the list does not name every neighbour');
          const strongest = one.nodes[1];
          const ofKind = group
            .getByRole('list', { name: new RegExp(`linked to ${person.name}$`) })
            .filter({ hasText: strongest.label })
            .first();
          assert.equal(
            (await ofKind.locator('li').first().textContent()).split(' · ')[0].trim(),
            strongest.label,
            'the strongest link is not first of its kind',
          );
          for (const text of await items.allTextContents())
            assert.match(text, / · \S/, `a link without its reason: ${text}`);
          await page.getByRole('list', { name: 'Legend' }).getByText('Skill', { exact: true }).waitFor();

          // Focusing a link in the list marks it in the drawing and says why it is there.
          const skill = one.nodes.find((n) => n.kind === 'SKILL' && n.id);
          const link = group.getByRole('link', { name: skill.label, exact: true }).first();
          await link.focus();
          const tip = page.locator('.network__tip');
          await tip.waitFor();
          assert.ok(
            (await tip.textContent()).startsWith(`${skill.label} · Skill · `),
            `tooltip: ${await tip.textContent()}`,
          );
          await page.getByRole('region', { name: 'Network' }).screenshot({ path: shotPath('person-network') });

          // Two steps out: more nodes, each saying through whom.
          await page.getByRole('radio', { name: 'Two steps out' }).check();
          await waitUntil(async () => (await items.count()) > one.nodes.length - 1, 'two steps out added nobody');
          assert.ok((await group.getByText(/ · via /).count()) > 0, 'no link says through whom it is reached');
          await drawing.and(page.locator('[data-drawn="true"]')).waitFor();
          await page
            .getByRole('region', { name: 'Network' })
            .screenshot({ path: shotPath('person-network-two-steps') });

          // Hiding skills takes them out of the list.
          const skills = page.getByRole('checkbox', { name: /^Skill \(\d+\)$/ });
          await skills.uncheck();
          await waitUntil(
            async () => (await group.getByRole('link', { name: skill.label, exact: true }).count()) === 0,
            'hidden skills are still listed',
          );
          await skills.check();

          // On a phone the grouped list comes first; the drawing waits behind a button.
          const desktop = page.viewportSize();
          await page.setViewportSize({ width: 390, height: 844 });
          await page.getByRole('button', { name: 'Show the graph' }).waitFor();
          await page
            .getByRole('region', { name: 'Network' })
            .screenshot({ path: shotPath('person-network-two-steps-phone') });
          await page.setViewportSize(desktop);

          // The list works from the keyboard: Enter on a skill opens it.
          await group.getByRole('link', { name: skill.label, exact: true }).first().focus();
          await page.keyboard.press('Enter');
          await page.getByRole('heading', { level: 1, name: skill.label, exact: true }).waitFor();
        });
      },
    ],
  ];
}
