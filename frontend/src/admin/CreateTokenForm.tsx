import { useId, useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { ROLES, roleLabel, type Role } from '../auth/types';
import { ErrorMessage } from '../components/Status';
import { CreateApiToken } from './queries';

/** What a token may be used for. */
const USES = {
  read: { label: 'Read only', scopes: ['READ'] },
  write: { label: 'Read and change things', scopes: ['READ', 'WRITE'] },
  scim: { label: 'SCIM provisioning by the identity provider (/scim/v2 only)', scopes: ['SCIM'] },
} as const;
type Use = keyof typeof USES;

/** Name, role, what it may do, and how long it lasts; answers with the secret. */
export function CreateTokenForm({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const id = useId();
  const action = useAction();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('EMPLOYEE');
  const [use, setUse] = useState<Use>('read');
  const [days, setDays] = useState('90');
  return (
    <form
      className="token-form"
      aria-label="New API token"
      onSubmit={async (e) => {
        e.preventDefault();
        const expiresInDays = days.trim() ? Number(days) : null;
        const result = await action.run(() =>
          request(CreateApiToken, {
            input: { name: name.trim(), role, scopes: [...USES[use].scopes], expiresInDays },
          }),
        );
        if (!result) return;
        onCreated(result.createApiToken.token.name, result.createApiToken.secret);
        setName('');
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>Token name</label>
        <input
          id={`${id}-name`}
          required
          maxLength={100}
          value={name}
          placeholder="HR system sync"
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Acts with the role</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-days`}>Days until it stops working</label>
        <input
          id={`${id}-days`}
          type="number"
          min={1}
          max={3650}
          value={days}
          placeholder="never"
          onChange={(e) => setDays(e.target.value)}
        />
        <span className="field__hint">Leave empty for no expiry.</span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-use`}>May be used for</label>
        <select id={`${id}-use`} value={use} onChange={(e) => setUse(e.target.value as Use)}>
          {(Object.keys(USES) as Use[]).map((u) => (
            <option key={u} value={u}>
              {USES[u].label}
            </option>
          ))}
        </select>
        {use === 'scim' && (
          <span className="field__hint">
            For Entra ID or Okta: give them {location.origin}/scim/v2 as the tenant URL and this token as the secret.
          </span>
        )}
      </div>
      <button type="submit" className="button button--primary" disabled={action.busy}>
        Create token
      </button>
      {action.error && <ErrorMessage error={action.error} />}
    </form>
  );
}
