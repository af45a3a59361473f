import { useId } from 'react';
import { ROLES, roleLabel, type Role } from './types';

/** Radio buttons for the role to act with; arrow keys move between them. */
export function RoleChoice({ value, onChange }: { value: Role; onChange: (role: Role) => void }) {
  const name = useId();
  return (
    <fieldset className="roles">
      <legend>Role</legend>
      <div className="roles__options">
        {ROLES.map((role) => (
          <label key={role} className="roles__option">
            <input type="radio" name={name} value={role} checked={value === role} onChange={() => onChange(role)} />
            {roleLabel(role)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
