import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { ApiToken, AuditEntry } from '../admin/queries';
import { App } from '../App';
import type { Me } from '../auth/types';
import { formatDateTime } from '../lib/time';
import { authPerson, FakeAuthServer, json, meAs } from '../test/mockAuth';
import { GraphQLFailure, mockApi, type RestHandler } from '../test/mockApi';
import { renderAt } from '../test/render';

const admin = meAs(authPerson('p-adm', 'Ada Admin'), ['ADMIN']);

function token(id: string, name: string, extra: Partial<ApiToken> = {}): ApiToken {
  return {
    id,
    name,
    prefix: `tct_${id}`,
    role: 'EMPLOYEE',
    scopes: ['READ'],
    createdBy: 'person:eadm',
    createdByName: 'Ada Admin',
    createdAt: '2026-11-01T10:00:00Z',
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    active: true,
    person: null,
    ...extra,
  };
}

const entry = (seq: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  at: '2026-11-02T09:00:00Z',
  actor: 'person:eadm',
  actorName: 'Ada Admin',
  action: 'token.create',
  target: `token:t${seq}`,
  targetName: `API token t${seq}`,
  summary: `Ada Admin created API token t${seq}`,
  outcome: 'ok',
  detail: {},
  hash: `hash-${seq}`,
  ...extra,
});

/** The newest two entries are by Siobhan Kelly; the rest are Ada Admin creating tokens. */
const RETENTION = entry(30, {
  at: '2026-11-20T15:30:00Z',
  actor: 'person:e0042',
  actorName: 'Siobhan Kelly',
  action: 'interview.retention',
  target: 'interview:iv-7',
  targetName: 'Interview with Aoife Byrne',
  summary: 'Siobhan Kelly changed the retention of Interview with Aoife Byrne: 30 days, on hold (“Inquiry REF-7”)',
  detail: { retentionDays: 30, hold: true, holdReason: 'Inquiry REF-7' },
  hash: '9f86d081884c7d65',
});
const REFUSED = entry(29, {
  at: '2026-11-19T08:00:00Z',
  actor: 'person:e0042',
  actorName: 'Siobhan Kelly',
  action: 'denied',
  target: null,
  targetName: null,
  summary: 'Siobhan Kelly was refused token.create',
  outcome: 'denied',
  detail: { action: 'token.create' },
});

/** The server's filters: an action is a name or a group (`interview` takes in `interview.*`), dates are whole UTC days. */
function matches(e: AuditEntry, v: Record<string, unknown>): boolean {
  const day = e.at.slice(0, 10);
  const action = v.action as string | null;
  return (
    (!v.target || e.target === v.target) &&
    (!v.actor || e.actor === v.actor) &&
    (!action || e.action === action || e.action.startsWith(`${action}.`)) &&
    (!v.from || day >= String(v.from)) &&
    (!v.until || day <= String(v.until))
  );
}

/** Everything the Admin page asks, over small in-memory lists. */
function adminServer(rest?: RestHandler) {
  const state = {
    tokens: [token('t1', 'HR system sync', { role: 'HR', scopes: ['READ', 'WRITE'] })],
    grants: [{ personId: 'p-hr', role: 'HR' as const, person: { id: 'p-hr', name: 'Orla Quinn', title: null } }],
    proposed: [
      {
        id: 'c-new',
        name: 'Plain English',
        description: 'Writing for readers',
        visibility: 'OPEN' as const,
        proposedBy: { id: 'p3', name: 'Mei Chen' },
        skills: [],
      },
    ],
    log: [RETENTION, REFUSED, ...Array.from({ length: 28 }, (_, i) => entry(28 - i))],
  };
  const calls = mockApi(
    {
      ApiTokens: () => ({ apiTokens: state.tokens }),
      CreateApiToken: (v) => {
        const input = v.input as { name: string };
        const t = token('t2', input.name);
        state.tokens = [t, ...state.tokens];
        return { createApiToken: { secret: 'tct_t2_s3cret', token: { id: t.id, name: t.name, prefix: t.prefix } } };
      },
      RevokeApiToken: (v) => {
        state.tokens = state.tokens.map((t) =>
          t.id === v.id ? { ...t, active: false, revokedAt: '2026-11-03T10:00:00Z' } : t,
        );
        return { revokeApiToken: { id: v.id, active: false, revokedAt: '2026-11-03T10:00:00Z' } };
      },
      RoleGrants: () => ({ roleGrants: state.grants }),
      PeopleLookup: () => ({ people: { nodes: [{ id: 'p3', name: 'Mei Chen', title: null, status: 'ACTIVE' }] } }),
      GrantRole: (v) => {
        state.grants = [
          ...state.grants,
          { personId: String(v.personId), role: v.role as 'HR', person: { id: 'p3', name: 'Mei Chen', title: null } },
        ];
        return { grantRole: { changed: true } };
      },
      RevokeRole: (v) => {
        state.grants = state.grants.filter((g) => g.personId !== v.personId);
        return { revokeRole: { changed: true } };
      },
      ProposedCommunities: () => ({ communities: { totalCount: state.proposed.length, nodes: state.proposed } }),
      ApproveCommunity: (v) => {
        state.proposed = [];
        return { approveCommunity: { community: { id: v.id, name: 'Plain English', status: 'ACTIVE' } } };
      },
      AuditLog: (v) => {
        if (v.from && v.until && String(v.from) > String(v.until))
          throw new GraphQLFailure('the date range ends before it starts', 'BAD_USER_INPUT');
        const before = v.before as number | null;
        const rows = state.log.filter((e) => matches(e, v) && (before == null || e.seq < before));
        return { auditLog: rows.slice(0, Number(v.first)) };
      },
      AuditChain: () => ({ auditChain: { ok: true, checked: 30, headSeq: 30, firstBroken: null, reason: null } }),
    },
    new FakeAuthServer({ me: admin }),
    rest,
  );
  return { state, calls };
}

/** The address bar and back button of the test's browser. */
function Address() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="address">{`${location.pathname}${location.search}`}</output>
      <button type="button" onClick={() => navigate(-1)}>
        Browser back
      </button>
    </>
  );
}

/** Renders the app at `path` with an address bar to read (and a back button to press). */
function renderWithAddress(path: string, me: Me = admin) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App initialMe={me} />
      <Address />
    </MemoryRouter>,
  );
}

/** The audit filters in the address, as an object. */
function addressFilters(): Record<string, string> {
  const address = screen.getByTestId('address').textContent ?? '';
  return Object.fromEntries(new URLSearchParams(address.split('?')[1] ?? ''));
}

const auditCalls = (calls: { operation: string; variables: Record<string, unknown> }[]) =>
  calls.filter((c) => c.operation === 'AuditLog');

/** The table row holding `text`. */
function rowWith(table: HTMLElement, text: string): HTMLElement {
  return within(table).getByText(text).closest('tr') as HTMLElement;
}

describe('Admin page', () => {
  it('is only in the navigation of admins, and tells others it is not for them', () => {
    mockApi({});
    renderAt('/admin');
    expect(screen.getByText('This page is for administrators.')).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Admin' })).toBeNull();
  });

  it('creates a token, shows its secret once with a copy button, and revokes it', async () => {
    adminServer();
    renderAt('/admin', admin);
    expect(
      within(screen.getByRole('navigation', { name: 'Main' }))
        .getByRole('link', { name: 'Admin' })
        .getAttribute('aria-current'),
    ).toBe('page');
    const table = await screen.findByRole('table', { name: 'API tokens, newest first' });
    expect(within(table).getByRole('rowheader', { name: 'HR system sync' })).toBeTruthy();
    expect(within(table).getByText('HR · read and write')).toBeTruthy();
    const creator = within(table).getByText('created by Ada Admin');
    expect(creator.getAttribute('title')).toBe('person:eadm');
    expect(within(table).queryByText(/person:eadm/)).toBeNull();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Token name'), 'Nightly export');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    const secret = await screen.findByRole('region', { name: 'Secret of Nightly export' });
    expect(within(secret).getByText(/will not show it again/)).toBeTruthy();
    expect((within(secret).getByLabelText('Secret of Nightly export') as HTMLInputElement).value).toBe('tct_t2_s3cret');
    await user.click(within(secret).getByRole('button', { name: 'Copy secret' }));
    // user-event stands in for the clipboard.
    expect(await navigator.clipboard.readText()).toBe('tct_t2_s3cret');
    expect(within(secret).getByRole('status').textContent).toBe('Copied to the clipboard.');
    await within(table).findByRole('rowheader', { name: 'Nightly export' });
    await user.click(within(secret).getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByRole('region', { name: 'Secret of Nightly export' })).toBeNull();

    await user.click(within(table).getByRole('button', { name: 'Revoke Nightly export' }));
    await user.click(within(table).getByRole('button', { name: 'Yes, revoke it' }));
    expect(
      (await screen.findByText(/Revoked Nightly export: it no longer works./)).closest('[role="status"]'),
    ).toBeTruthy();
    const row = within(table).getByRole('rowheader', { name: 'Nightly export' }).closest('tr') as HTMLElement;
    await within(row).findByText(/^Revoked /);
    expect(within(row).queryByRole('button')).toBeNull();
  });

  it('creates a token for SCIM provisioning with the scim scope alone', async () => {
    const { calls } = adminServer();
    renderAt('/admin', admin);
    await screen.findByRole('table', { name: 'API tokens, newest first' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Token name'), 'Entra ID provisioning');
    await user.selectOptions(screen.getByLabelText('May be used for'), 'scim');
    expect(screen.getByText(/as the tenant URL and this token as the secret/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    await screen.findByRole('region', { name: 'Secret of Entra ID provisioning' });
    const created = calls.find((c) => c.operation === 'CreateApiToken');
    expect(created?.variables).toMatchObject({ input: { name: 'Entra ID provisioning', scopes: ['SCIM'] } });
  });

  it('pages back through the audit log, filters by target and verifies the chain', async () => {
    const { calls } = adminServer();
    renderWithAddress('/admin');
    const log = await screen.findByRole('table', { name: 'Audit entries, newest first' });
    expect(within(log).getAllByRole('row')).toHaveLength(26);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show older entries' }));
    await vi.waitFor(() => expect(within(log).getAllByRole('row')).toHaveLength(31));
    expect(screen.getByText('Showing 30 entries, #30 to #1')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show older entries' })).toBeNull();
    expect(auditCalls(calls).map((c) => c.variables.before)).toEqual([null, 6]);

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Only entries about'), 'token:t7');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    const only = await screen.findByRole('table', { name: 'Audit entries about token:t7, newest first' });
    expect(within(only).getAllByRole('row')).toHaveLength(2);
    expect(addressFilters()).toEqual({ target: 'token:t7' });
    expect(auditCalls(calls).at(-1)?.variables).toEqual({
      first: 25,
      before: null,
      target: 'token:t7',
      actor: null,
      action: null,
      from: null,
      until: null,
    });

    await user.click(screen.getByRole('button', { name: 'Verify the audit log' }));
    expect((await screen.findByText('Intact.')).closest('[role="status"]')?.textContent).toContain(
      '30 entries checked, up to entry #30',
    );
  });

  it('sends every filter as a variable, keeps them in the address, and the back button returns to the last view', async () => {
    const { calls } = adminServer();
    renderWithAddress('/admin?actor=person%3Ae0042');
    // A shared link: the view it names, its filters in the form.
    const log = await screen.findByRole('table', { name: 'Audit entries by person:e0042, newest first' });
    expect(within(log).getAllByRole('row')).toHaveLength(3);
    expect(auditCalls(calls)[0]?.variables).toMatchObject({
      actor: 'person:e0042',
      target: null,
      action: null,
      from: null,
      until: null,
    });
    expect((screen.getByLabelText('Only entries by') as HTMLInputElement).value).toBe('person:e0042');

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Action'), 'interview');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-20' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2026-11-30' } });
    await user.click(screen.getByRole('button', { name: 'Show' }));
    const narrowed = await screen.findByRole('table', {
      name: 'Audit entries by person:e0042, with action interview, from 20 Nov 2026, until 30 Nov 2026, newest first',
    });
    expect(within(narrowed).getAllByRole('row')).toHaveLength(2);
    expect(auditCalls(calls).at(-1)?.variables).toEqual({
      first: 25,
      before: null,
      actor: 'person:e0042',
      target: null,
      action: 'interview',
      from: '2026-11-20',
      until: '2026-11-30',
    });
    expect(addressFilters()).toEqual({
      actor: 'person:e0042',
      action: 'interview',
      from: '2026-11-20',
      until: '2026-11-30',
    });

    // An action not in the list, typed by hand.
    await user.selectOptions(screen.getByLabelText('Action'), 'Another action…');
    await user.type(screen.getByLabelText('Action name'), 'interview.retention');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await vi.waitFor(() => expect(addressFilters().action).toBe('interview.retention'));
    expect(auditCalls(calls).at(-1)?.variables.action).toBe('interview.retention');

    await user.click(screen.getByRole('button', { name: 'Browser back' }));
    await vi.waitFor(() => expect(addressFilters().action).toBe('interview'));
    await user.click(screen.getByRole('button', { name: 'Browser back' }));
    await screen.findByRole('table', { name: 'Audit entries by person:e0042, newest first' });
    expect(addressFilters()).toEqual({ actor: 'person:e0042' });
    expect((screen.getByLabelText('Action') as HTMLSelectElement).value).toBe('');
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('');
  });

  it('shows each entry as a readable line with names beside ids, its JSON detail and hash folded away, and narrows to a name picked', async () => {
    const { calls } = adminServer();
    renderWithAddress('/admin');
    const log = await screen.findByRole('table', { name: 'Audit entries, newest first' });
    const row = rowWith(log, RETENTION.summary);
    expect(within(row).getByRole('rowheader').textContent).toBe('30');
    expect(within(row).getByText(formatDateTime(RETENTION.at)).tagName).toBe('TIME');
    expect(within(row).getByText('interview.retention')).toBeTruthy();
    expect(within(row).getByText('person:e0042')).toBeTruthy();
    expect(within(row).getByText('interview:iv-7')).toBeTruthy();
    // Nothing went wrong here: no outcome badge. The refusal says so.
    expect(within(row).queryByText('Denied')).toBeNull();
    expect(within(rowWith(log, REFUSED.summary)).getByText('Denied').className).toContain('badge');

    const details = within(row).getByText('Details').closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('pre')?.textContent).toBe(JSON.stringify(RETENTION.detail, null, 2));
    expect(JSON.parse(details.querySelector('pre')?.textContent ?? '')).toEqual({
      retentionDays: 30,
      hold: true,
      holdReason: 'Inquiry REF-7',
    });
    expect(within(details).getByText('9f86d081884c7d65')).toBeTruthy();

    const user = userEvent.setup();
    const actor = within(row).getByRole('button', { name: 'Siobhan Kelly' });
    expect(actor.getAttribute('title')).toBe('Show only entries by Siobhan Kelly (person:e0042)');
    await user.click(actor);
    const hers = await screen.findByRole('table', { name: 'Audit entries by person:e0042, newest first' });
    expect(within(hers).getAllByRole('row')).toHaveLength(3);
    expect(addressFilters()).toEqual({ actor: 'person:e0042' });
    expect(auditCalls(calls).at(-1)?.variables.actor).toBe('person:e0042');
    const actorField = screen.getByLabelText('Only entries by') as HTMLInputElement;
    expect(actorField.value).toBe('person:e0042');
    expect(document.activeElement).toBe(actorField);
    // The name already filtered by is no longer a button.
    expect(within(rowWith(hers, RETENTION.summary)).queryByRole('button', { name: 'Siobhan Kelly' })).toBeNull();

    await user.click(
      within(rowWith(hers, RETENTION.summary)).getByRole('button', { name: 'Interview with Aoife Byrne' }),
    );
    await screen.findByRole('table', { name: 'Audit entries by person:e0042, about interview:iv-7, newest first' });
    expect(addressFilters()).toEqual({ actor: 'person:e0042', target: 'interview:iv-7' });
  });

  it('says when no entry matches, and clears the filters', async () => {
    adminServer();
    renderWithAddress('/admin?actor=person%3Anobody&action=role');
    expect(await screen.findByText('No entries match these filters.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: /^Audit entries/ })).toBeNull();
    const user = userEvent.setup();
    const clears = screen.getAllByRole('button', { name: 'Clear filters' });
    await user.click(clears[clears.length - 1]!);
    await screen.findByRole('table', { name: 'Audit entries, newest first' });
    expect(addressFilters()).toEqual({});
    expect((screen.getByLabelText('Only entries by') as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('explains a filter the server refuses', async () => {
    adminServer();
    renderWithAddress('/admin?from=2026-12-01&until=2026-11-01');
    const audit = await screen.findByRole('region', { name: 'Audit log' });
    expect((await within(audit).findByRole('alert')).textContent).toBe('the date range ends before it starts');
    expect(within(audit).getAllByRole('button', { name: 'Clear filters' }).length).toBeGreaterThan(0);
  });

  it('exports exactly the filtered view as CSV, with the session cookie, and says when it is saved', async () => {
    const requests: { url: URL; init: RequestInit }[] = [];
    let answer: (r: Response) => void = () => {};
    const csv =
      'seq,at,actor,actor_name,action,target,target_name,outcome,summary,detail\n30,2026-11-20T15:30:00+00:00,person:e0042,Siobhan Kelly,interview.retention,,,ok,…,{}\n';
    adminServer((method, url, init) => {
      requests.push({ url, init: { ...init, method } });
      return new Promise<Response>((resolve) => {
        answer = resolve;
      });
    });
    const created: Blob[] = [];
    vi.stubGlobal(
      'URL',
      class extends URL {
        static override createObjectURL(b: Blob) {
          created.push(b);
          return 'blob:audit';
        }
        static override revokeObjectURL() {}
      },
    );
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderWithAddress('/admin?actor=person%3Ae0042&action=interview&from=2026-11-01&until=2026-11-30');
    await screen.findByRole('table', { name: /^Audit entries by person:e0042/ });

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const busy = await screen.findByRole('button', { name: 'Exporting…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText('Preparing the CSV file…')).toBeTruthy();
    // Pressed again while busy: still one request.
    await user.click(busy);
    expect(requests).toHaveLength(1);
    const [{ url, init }] = requests as [{ url: URL; init: RequestInit }];
    expect(url.pathname).toBe('/api/audit.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      actor: 'person:e0042',
      action: 'interview',
      from: '2026-11-01',
      until: '2026-11-30',
    });
    expect(init.method).toBe('GET');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['x-tacit-request']).toBe('1');

    answer(
      new Response(csv, {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="tacit-audit-log.csv"',
        },
      }),
    );
    expect(
      (await screen.findByText(/Saved tacit-audit-log.csv in your downloads/)).closest('[role="status"]'),
    ).toBeTruthy();
    expect(clicked).toHaveBeenCalledTimes(1);
    expect((clicked.mock.contexts[0] as HTMLAnchorElement).download).toBe('tacit-audit-log.csv');
    expect(await created[0]!.text()).toBe(csv);
    expect(screen.getByRole('button', { name: 'Export CSV' }).getAttribute('aria-disabled')).toBeNull();
  });

  it('says why an export failed, and does not save a page that is not CSV', async () => {
    const answers = [
      () =>
        json(
          { errors: [{ message: 'the date range ends before it starts', extensions: { code: 'BAD_USER_INPUT' } }] },
          400,
        ),
      () =>
        new Response('<!doctype html><title>Tacit</title>', { status: 200, headers: { 'content-type': 'text/html' } }),
    ];
    adminServer(() => answers.shift()!());
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderWithAddress('/admin');
    await screen.findByRole('table', { name: 'Audit entries, newest first' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const audit = screen.getByRole('region', { name: 'Audit log' });
    expect((await within(audit).findByRole('alert')).textContent).toContain('The date range ends before it starts.');
    await user.click(within(audit).getByRole('button', { name: 'Try again' }));
    await vi.waitFor(() =>
      expect(within(audit).getByRole('alert').textContent).toContain('The server did not send a CSV file.'),
    );
    expect(clicked).not.toHaveBeenCalled();
  });

  it('says where the audit chain is broken', async () => {
    mockApi({
      ...Object.fromEntries(
        ['ApiTokens', 'RoleGrants', 'ProposedCommunities', 'AuditLog'].map((op) => [op, () => new Promise(() => {})]),
      ),
      AuditChain: () => ({
        auditChain: { ok: false, checked: 12, headSeq: 40, firstBroken: 13, reason: 'hash does not match' },
      }),
    });
    renderAt('/admin', admin);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Verify the audit log' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Broken at entry #13: hash does not match. 12 entries checked; the log ends at entry #40.',
    );
  });

  it('approves a proposed community and grants and takes back a role', async () => {
    const { state } = adminServer();
    renderAt('/admin', admin);
    const user = userEvent.setup();
    const proposed = await screen.findByRole('list', { name: 'Proposed communities' });
    expect(within(proposed).getByRole('link', { name: 'Mei Chen' }).getAttribute('href')).toBe('/people/p3');
    await user.click(within(proposed).getByRole('button', { name: 'Approve Plain English' }));
    const approved = await screen.findByText(/it is live and listed under Communities/);
    expect(within(approved).getByRole('link', { name: 'Plain English' }).getAttribute('href')).toBe(
      '/communities/c-new',
    );
    await screen.findByText('No community is waiting for approval.');

    await user.type(screen.getByLabelText('Give a role to'), 'Mei');
    await user.click(await screen.findByRole('button', { name: 'Mei Chen' }));
    await user.selectOptions(screen.getByLabelText('Role'), 'ADMIN');
    await user.click(screen.getByRole('button', { name: 'Grant role' }));
    await screen.findByText('Mei Chen is now Admin.');
    expect(state.grants.map((g) => [g.personId, g.role])).toEqual([
      ['p-hr', 'HR'],
      ['p3', 'ADMIN'],
    ]);

    const grants = screen.getByRole('list', { name: 'Role grants' });
    await user.click(within(grants).getByRole('button', { name: 'Take back HR from Orla Quinn' }));
    await user.click(within(grants).getByRole('button', { name: 'Yes, take them back' }));
    await screen.findByText('Orla Quinn is no longer HR.');
  });
});
