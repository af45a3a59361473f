import { useId } from 'react';
import { countryName } from '../lib/text';

interface Office {
  id: string;
  name: string;
  country?: string | null;
}

/** Where someone works, as the search address keeps it: one office, or one country, or anywhere. */
export interface Where {
  office: string;
  country: string;
}

/**
 * One drop-down for where people work: anywhere, a whole country, or one
 * office, with the offices listed under their country. One control (and one
 * stop for the Tab key) instead of an office and a country that could
 * contradict each other.
 */
export function WhereField({
  offices,
  value,
  onChange,
}: {
  offices: readonly Office[];
  value: Where;
  onChange: (where: Where) => void;
}) {
  const id = useId();
  const byCountry = new Map<string, Office[]>();
  for (const o of offices) {
    const key = o.country ?? '';
    byCountry.set(key, [...(byCountry.get(key) ?? []), o]);
  }
  const groups = [...byCountry.entries()]
    .map(([code, list]) => ({ code, name: code ? countryName(code) : 'Other offices', list }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const selected = value.office ? `office:${value.office}` : value.country ? `country:${value.country}` : '';
  const choose = (v: string) => {
    const [kind, key = ''] = v.split(/:(.*)/s);
    onChange({ office: kind === 'office' ? key : '', country: kind === 'country' ? key : '' });
  };
  return (
    <div className="field">
      <label htmlFor={id}>Where they work</label>
      <select id={id} value={selected} onChange={(e) => choose(e.target.value)}>
        <option value="">Anywhere</option>
        {groups.map((g) => (
          <optgroup key={g.code} label={g.name}>
            {g.code && <option value={`country:${g.code}`}>{`All of ${g.name}`}</option>}
            {g.list.map((o) => (
              <option key={o.id} value={`office:${o.id}`}>
                {o.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
