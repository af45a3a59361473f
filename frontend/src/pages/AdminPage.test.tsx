import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ApiToken, AuditEntry } from '../admin/queries';
import { authPerson, meAs } from '../test/mockAuth';
import { mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

const admin = meAs(authPerson('p-adm', 'Ada Admin'), ['ADMIN']);

function token(id: string, name: string, extra: Partial<ApiToken> = {}): ApiToken {
  return {
    id, name, prefix: `tct_${id}`, role: 'EMPLOYEE', scopes: ['READ'], createdBy: 'person:eadm',
    createdAt: '2026-11-01T10:00:00Z', expiresAt: null, lastUsedAt: null, revokedAt: null, active: true, person: null, ...extra,
  };
}

const entry = (seq: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  seq, at: '2026-11-02T09:00:00Z', actor: 'person:eadm', action: 'token.create', target: `token:t${seq}`, outcome: 'ok', detail: {}, ...extra,
});

/** Everything the Admin page asks, over small in-memory lists. */
function adminServer() {
  const state = {
    tokens: [token('t1', 'HR system sync', { role: 'HR', scopes: ['READ', 'WRITE'] })],
    grants: [{ personId: 'p-hr', role: 'HR' as const, person: { id: 'p-hr', name: 'Orla Quinn', title: null } }],
    proposed: [{ id: 'c-new', name: 'Plain English', description: 'Writing for readers', visibility: 'OPEN' as const, proposedBy: { id: 'p3', name: 'Mei Chen' }, skills: [] }],
    log: Array.from({ length: 30 }, (_, i) => entry(30 - i)),
  };
  const calls = mockApi({
    ApiTokens: () => ({ apiTokens: state.tokens }),
    CreateApiToken: (v) => {
      const input = v.input as { name: string };
      const t = token('t2', input.name);
      state.tokens = [t, ...state.tokens];
      return { createApiToken: { secret: 'tct_t2_s3cret', token: { id: t.id, name: t.name, prefix: t.prefix } } };
    },
    RevokeApiToken: (v) => {
      state.tokens = state.tokens.map((t) => (t.id === v.id ? { ...t, active: false, revokedAt: '2026-11-03T10:00:00Z' } : t));
      return { revokeApiToken: { id: v.id, active: false, revokedAt: '2026-11-03T10:00:00Z' } };
    },
    RoleGrants: () => ({ roleGrants: state.grants }),
    PeopleLookup: () => ({ people: { nodes: [{ id: 'p3', name: 'Mei Chen', title: null, status: 'ACTIVE' }] } }),
    GrantRole: (v) => {
      state.grants = [...state.grants, { personId: String(v.personId), role: v.role as 'HR', person: { id: 'p3', name: 'Mei Chen', title: null } }];
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
      const target = v.target as string | null;
      const before = v.before as number | null;
      const rows = state.log.filter((e) => (!target || e.target === target) && (before == null || e.seq < before));
      return { auditLog: rows.slice(0, Number(v.first)) };
    },
    AuditChain: () => ({ auditChain: { ok: true, checked: 30, headSeq: 30, firstBroken: null, reason: null } }),
  });
  return { state, calls };
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
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Admin' }).getAttribute('aria-current')).toBe('page');
    const table = await screen.findByRole('table', { name: 'API tokens, newest first' });
    expect(within(table).getByRole('rowheader', { name: 'HR system sync' })).toBeTruthy();
    expect(within(table).getByText('HR · read and write')).toBeTruthy();

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
    expect((await screen.findByText(/Revoked Nightly export: it no longer works./)).closest('[role="status"]')).toBeTruthy();
    const row = within(table).getByRole('rowheader', { name: 'Nightly export' }).closest('tr') as HTMLElement;
    await within(row).findByText(/^Revoked /);
    expect(within(row).queryByRole('button')).toBeNull();
  });

  it('pages back through the audit log, filters by target and verifies the chain', async () => {
    const { calls } = adminServer();
    renderAt('/admin', admin);
    const log = await screen.findByRole('table', { name: 'Audit entries, newest first' });
    expect(within(log).getAllByRole('row')).toHaveLength(26);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show older entries' }));
    await vi.waitFor(() => expect(within(log).getAllByRole('row')).toHaveLength(31));
    expect(screen.getByText('Showing 30 entries, #30 to #1')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show older entries' })).toBeNull();
    expect(calls.filter((c) => c.operation === 'AuditLog').map((c) => c.variables.before)).toEqual([null, 6]);

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Only entries about'), 'token:t7');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    const only = await screen.findByRole('table', { name: 'Audit entries about token:t7, newest first' });
    expect(within(only).getAllByRole('row')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Verify the audit log' }));
    expect((await screen.findByText('Intact.')).closest('[role="status"]')?.textContent).toContain('30 entries checked, up to entry #30');
  });

  it('says where the audit chain is broken', async () => {
    mockApi({
      ...Object.fromEntries(['ApiTokens', 'RoleGrants', 'ProposedCommunities', 'AuditLog'].map((op) => [op, () => new Promise(() => {})])),
      AuditChain: () => ({ auditChain: { ok: false, checked: 12, headSeq: 40, firstBroken: 13, reason: 'hash does not match' } }),
    });
    renderAt('/admin', admin);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Verify the audit log' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Broken at entry #13: hash does not match. 12 entries checked; the log ends at entry #40.');
  });

  it('approves a proposed community and grants and takes back a role', async () => {
    const { state } = adminServer();
    renderAt('/admin', admin);
    const user = userEvent.setup();
    const proposed = await screen.findByRole('list', { name: 'Proposed communities' });
    expect(within(proposed).getByRole('link', { name: 'Mei Chen' }).getAttribute('href')).toBe('/people/p3');
    await user.click(within(proposed).getByRole('button', { name: 'Approve Plain English' }));
    const approved = await screen.findByText(/it is live and listed under Communities/);
    expect(within(approved).getByRole('link', { name: 'Plain English' }).getAttribute('href')).toBe('/communities/c-new');
    await screen.findByText('No community is waiting for approval.');

    await user.type(screen.getByLabelText('Give a role to'), 'Mei');
    await user.click(await screen.findByRole('button', { name: 'Mei Chen' }));
    await user.selectOptions(screen.getByLabelText('Role'), 'ADMIN');
    await user.click(screen.getByRole('button', { name: 'Grant role' }));
    await screen.findByText('Mei Chen is now Admin.');
    expect(state.grants.map((g) => [g.personId, g.role])).toEqual([['p-hr', 'HR'], ['p3', 'ADMIN']]);

    const grants = screen.getByRole('list', { name: 'Role grants' });
    await user.click(within(grants).getByRole('button', { name: 'Take back HR from Orla Quinn' }));
    await user.click(within(grants).getByRole('button', { name: 'Yes, take them back' }));
    await screen.findByText('Orla Quinn is no longer HR.');
  });
});
