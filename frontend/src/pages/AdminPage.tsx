import { ApiTokens } from '../admin/ApiTokens';
import { AuditLog } from '../admin/AuditLog';
import { ImportFiles } from '../admin/ImportFiles';
import { ProposedCommunities } from '../admin/ProposedCommunities';
import { RoleGrants } from '../admin/RoleGrants';
import { useMe } from '../auth/context';
import { canAdminister } from '../auth/roles';
import { usePageTitle } from '../lib/hooks';

/** Whether someone with these roles may run Tacit: tokens, audit log, roles, approvals, imports. */
/** Running Tacit: communities to approve, who holds which role, imports, API tokens and the audit log. */
export function AdminPage() {
  const me = useMe();
  usePageTitle('Admin');
  if (!canAdminister(me.roles)) {
    return (
      <section>
        <h1>Admin</h1>
        <p>This page is for administrators.</p>
      </section>
    );
  }
  return (
    <article>
      <h1>Admin</h1>
      <p className="lead">
        Approve proposed communities, give HR and admin rights, import files, connect other systems and check the audit
        log.
      </p>
      <ProposedCommunities />
      <RoleGrants />
      <ImportFiles />
      <ApiTokens />
      <AuditLog />
    </article>
  );
}
