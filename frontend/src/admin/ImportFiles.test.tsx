import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../api/imports';
import { authPerson, FakeAuthServer, json, meAs } from '../test/mockAuth';
import { mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';
import { knownName } from './ImportFiles';

const admin = meAs(authPerson('p-adm', 'Ada Admin'), ['ADMIN']);

/** The Admin page's own queries never answer: these tests are about the Import panel. */
const quiet = Object.fromEntries(
  ['ApiTokens', 'RoleGrants', 'ProposedCommunities', 'AuditLog'].map((op) => [op, () => new Promise(() => {})]),
);

function job(extra: Partial<ImportJob>): ImportJob {
  return {
    id: 'j1',
    files: ['people.jsonl'],
    strict: false,
    startedBy: 'person:eadm',
    startedAt: '2026-11-29T10:00:00Z',
    phase: 'reading',
    step: 'reading people.jsonl',
    done: 0,
    total: 200,
    finishedAt: null,
    report: null,
    rejectedCount: 0,
    error: null,
    ...extra,
  };
}

const done = (extra: Partial<ImportJob> = {}) =>
  job({
    phase: 'done',
    step: 'done',
    finishedAt: '2026-11-29T10:00:02Z',
    rejectedCount: 1,
    report: {
      records: 3,
      accepted: 2,
      committed: true,
      rejected: [{ file: 'people.jsonl', line: 2, reason: "timezone 'Europe/Atlantis' is not an IANA time zone" }],
      changed: { offices: 1, skills: 0, people: 2, communities: 0, evidence: 0, interviews: 0, links: 0 },
    },
    ...extra,
  });

/** A fake /api/imports: answers each GET with the next of `states` (the last one repeats). */
function importServer(
  states: ImportJob[],
  start: () => Response = () => json({ id: 'j1', status: '/api/imports/j1' }, 202),
) {
  const seen = { posts: [] as FormData[], gets: 0 };
  mockApi(quiet, new FakeAuthServer({ me: admin }), (method, url, init) => {
    if (method === 'POST' && url.pathname === '/api/imports') {
      seen.posts.push(init.body as FormData);
      return start();
    }
    if (method === 'GET' && url.pathname === '/api/imports/j1') {
      const state = states[Math.min(seen.gets, states.length - 1)];
      seen.gets += 1;
      return json(state);
    }
    return json({ errors: [{ message: 'not found' }] }, 404);
  });
  return seen;
}

const file = (name: string, text = '{"id": "e1", "name": "A"}\n') =>
  new File([text], name, { type: 'application/json' });

describe('Import on the Admin page', () => {
  it('uploads the files, shows progress while it runs, then every rejected line', async () => {
    const seen = importServer([
      job({ phase: 'reading', step: 'reading people.jsonl', done: 100, total: 200 }),
      job({ phase: 'checking', step: 'checking', done: 1, total: 3 }),
      done(),
    ]);
    renderAt('/admin', admin);
    const panel = screen.getByRole('region', { name: 'Import' });
    const user = userEvent.setup();
    await user.upload(within(panel).getByLabelText('Files to import'), [file('people.jsonl'), file('hr-skills.jsonl')]);
    await user.click(within(panel).getByRole('button', { name: 'Start import' }));

    expect((await within(panel).findByRole('status')).textContent).toBe('Reading people.jsonl: 50%');
    const bar = within(panel).getByLabelText('Import progress') as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([100, 200]);
    await within(panel).findByText('Checking records: 1 of 3');

    await within(panel).findByText('Imported people.jsonl: the good lines were written; 1 line was rejected.');
    const table = within(panel).getByRole('table', { name: 'Rejected lines' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([['people.jsonl', '2', "timezone 'Europe/Atlantis' is not an IANA time zone"]]);
    expect(within(panel).getByText('Changed: 2 people, 1 office.')).toBeTruthy();
    expect(within(panel).queryByLabelText('Import progress')).toBeNull();

    const form = seen.posts[0] as FormData;
    expect(form.getAll('files').map((f) => (f as File).name)).toEqual(['people.jsonl', 'hr-skills.jsonl']);
    expect(form.get('strict')).toBeNull();
    expect(seen.gets).toBe(3);

    await user.click(within(panel).getByRole('button', { name: 'Import more files' }));
    expect(within(panel).getByRole('button', { name: 'Start import' })).toBeTruthy();
  });

  it('in strict mode says that nothing was written', async () => {
    const seen = importServer([
      done({
        strict: true,
        report: {
          records: 3,
          accepted: 0,
          committed: false,
          rejected: [{ file: 'people.jsonl', line: 3, reason: 'not valid JSON: EOF' }],
          changed: { people: 0 },
        },
      }),
    ]);
    renderAt('/admin', admin);
    const panel = screen.getByRole('region', { name: 'Import' });
    const user = userEvent.setup();
    await user.upload(within(panel).getByLabelText('Files to import'), file('people.jsonl'));
    await user.click(within(panel).getByLabelText('Stop at the first bad line — commit nothing'));
    await user.click(within(panel).getByRole('button', { name: 'Start import' }));
    await within(panel).findByText(/^Nothing was written: some lines were bad/);
    expect(within(panel).getByText('No, nothing was written')).toBeTruthy();
    expect(within(panel).getByRole('cell', { name: 'not valid JSON: EOF' })).toBeTruthy();
    expect(seen.posts[0]?.get('strict')).toBe('true');
  });

  it('refuses a file whose name does not say what it holds, without uploading', async () => {
    const seen = importServer([]);
    renderAt('/admin', admin);
    const panel = screen.getByRole('region', { name: 'Import' });
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(within(panel).getByLabelText('Files to import'), file('notes.txt'));
    await user.click(within(panel).getByRole('button', { name: 'Start import' }));
    expect((await within(panel).findByRole('alert')).textContent).toContain(
      'Cannot tell what notes.txt holds. Rename it people.jsonl',
    );
    await user.click(within(panel).getByRole('button', { name: 'Start import' }));
    expect(seen.posts).toHaveLength(0);
    expect(knownName('HR_People.CSV')).toBe(true);
    expect(knownName('people.json')).toBe(false);
  });

  it('says in plain words when another import is running', async () => {
    importServer([], () =>
      json(
        {
          errors: [
            {
              message: 'another import is running (/api/imports/j0); wait for it to finish, then start yours',
              extensions: { code: 'CONFLICT' },
            },
          ],
        },
        409,
      ),
    );
    renderAt('/admin', admin);
    const panel = screen.getByRole('region', { name: 'Import' });
    const user = userEvent.setup();
    await user.upload(within(panel).getByLabelText('Files to import'), file('people.jsonl'));
    await user.click(within(panel).getByRole('button', { name: 'Start import' }));
    expect((await within(panel).findByRole('alert')).textContent).toContain(
      'Another import is running (/api/imports/j0); wait for it to finish, then start yours.',
    );
    expect(within(panel).getByRole('button', { name: 'Start import' })).toBeTruthy();
  });

  it('explains an import that failed', async () => {
    importServer([
      job({
        phase: 'failed',
        step: 'failed',
        error: "people.csv: the header row has no 'id' column; nothing was written",
        files: ['people.csv'],
      }),
    ]);
    renderAt('/admin', admin);
    const panel = screen.getByRole('region', { name: 'Import' });
    const user = userEvent.setup();
    await user.upload(within(panel).getByLabelText('Files to import'), file('people.csv', 'name\nA\n'));
    await user.click(within(panel).getByRole('button', { name: 'Start import' }));
    expect((await within(panel).findByRole('alert')).textContent).toContain(
      "The import of people.csv failed: people.csv: the header row has no 'id' column; nothing was written.",
    );
  });
});
