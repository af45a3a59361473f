import { useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { Done } from '../components/Done';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { roleLabel } from '../auth/types';
import { formatDateTime } from '../lib/time';
import { ConfirmButton } from '../components/ConfirmButton';
import { CreateTokenForm } from './CreateTokenForm';
import { NewSecret } from './NewSecret';
import { ApiTokensQuery, RevokeApiToken, type ApiToken } from './queries';

/** API tokens for integrations: the list, a new one (its secret shown once), revoking. */
export function ApiTokens() {
  const { data, error, loading, retry } = useQuery(ApiTokensQuery, {});
  const action = useAction();
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const [done, setDone] = useState<string>();
  const tokens = data?.apiTokens ?? [];
  const revoke = async (t: ApiToken) => {
    setDone(undefined);
    if (await action.run(() => request(RevokeApiToken, { id: t.id }))) {
      setDone(`Revoked ${t.name}: it no longer works.`);
      retry();
    }
  };
  return (
    <section className="panel" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">Tokens let other systems (an HR system, a script) use the GraphQL API as a role.</p>
      {created ? (
        <NewSecret name={created.name} secret={created.secret} onDismiss={() => setCreated(undefined)} />
      ) : (
        <CreateTokenForm
          onCreated={(name, secret) => {
            setDone(undefined);
            setCreated({ name, secret });
            retry();
          }}
        />
      )}
      {error ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : loading && !data ? (
        <Loading what="API tokens" />
      ) : tokens.length === 0 ? (
        <Empty>No API tokens yet.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="table tokens">
            <caption className="visually-hidden">API tokens, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row">
                    {t.name}
                    {t.person && <span className="muted block">acts as {t.person.name}</span>}
                  </th>
                  <td data-label="Starts with">
                    <code>{t.prefix}</code>
                  </td>
                  <td data-label="Role">
                    {roleLabel(t.role)} · {t.scopes.map((s) => s.toLowerCase()).join(' and ')}
                  </td>
                  <td data-label="Created">
                    {formatDateTime(t.createdAt)}
                    <CreatedBy token={t} />
                  </td>
                  <td data-label="Last used">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'}</td>
                  <td data-label="State">{tokenState(t)}</td>
                  <td>
                    {t.active && (
                      <ConfirmButton
                        label="Revoke"
                        name={`Revoke ${t.name}`}
                        question={`Stop ${t.name} working now?`}
                        confirm="Yes, revoke it"
                        disabled={action.busy}
                        onConfirm={() => revoke(t)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {done && !action.busy && <Done>{done}</Done>}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}

/** "created by Siobhan Kelly" on a line of its own, the creator's id (`person:e0042`, `cli:root`) as its tooltip; the id alone when no name is known. */
function CreatedBy({ token }: { token: ApiToken }) {
  const { createdBy, createdByName } = token;
  if (!createdByName && !createdBy) return null;
  if (!createdByName || createdByName === createdBy) {
    return (
      <span className="muted block">
        created by <code>{createdBy}</code>
      </span>
    );
  }
  return (
    <span className="muted block" title={createdBy ?? undefined}>
      created by {createdByName}
    </span>
  );
}

function tokenState(t: ApiToken): string {
  if (t.revokedAt) return `Revoked ${formatDateTime(t.revokedAt)}`;
  if (!t.active) return `Expired ${formatDateTime(t.expiresAt)}`;
  return t.expiresAt ? `Active until ${formatDateTime(t.expiresAt)}` : 'Active, no expiry';
}
