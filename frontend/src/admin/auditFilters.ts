import { formatDate } from '../lib/time';
/**
 * The audit log's filters, as they live in the address (`/admin?actor=person:e0042&action=interview`)
 * so a view can be shared and the back button steps through earlier ones. The same five names are
 * the `auditLog` query's arguments and `/api/audit.csv`'s parameters.
 */

export const FILTER_NAMES = ['actor', 'target', 'action', 'from', 'until'] as const;

export type FilterName = (typeof FILTER_NAMES)[number];

/** Every filter as text; empty means "any". Dates are `YYYY-MM-DD` (UTC days, both included). */
export type AuditFilters = Record<FilterName, string>;

export const NO_FILTERS: AuditFilters = { actor: '', target: '', action: '', from: '', until: '' };

/** The common actions and groups of actions (a group such as `interview` takes in `interview.*`). */
export const ACTION_CHOICES: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'sign_in', label: 'Sign-ins' },
  { value: 'interview', label: 'Interviews (all)' },
  { value: 'interview.disposal_request', label: 'Disposal requests' },
  { value: 'interview.disposal_approve', label: 'Disposal approvals' },
  { value: 'interview.disposal_reject', label: 'Disposal rejections' },
  { value: 'interview.disposal_withdraw', label: 'Disposal requests withdrawn' },
  { value: 'interview.retention', label: 'Retention changes' },
  { value: 'interview.dispose', label: 'Disposals' },
  { value: 'role', label: 'Roles granted or taken back' },
  { value: 'token', label: 'API tokens' },
  { value: 'person.erase', label: 'Erasures' },
  { value: 'audit.export', label: 'Audit log exports' },
  { value: 'denied', label: 'Refused requests' },
];

/** The filters in `params`, trimmed; anything missing is empty. */
export function readFilters(params: URLSearchParams): AuditFilters {
  const filters = { ...NO_FILTERS };
  for (const name of FILTER_NAMES) filters[name] = (params.get(name) ?? '').trim();
  return filters;
}

/** `params` with `filters` written in (empty ones removed); other parameters stay. */
export function writeFilters(params: URLSearchParams, filters: AuditFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_NAMES) {
    const value = filters[name].trim();
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next;
}

export function hasFilters(filters: AuditFilters): boolean {
  return FILTER_NAMES.some((name) => filters[name] !== '');
}

/** The `auditLog` query's filter arguments: `null` for "any". */
export function filterVariables(filters: AuditFilters) {
  const or = (v: string) => v || null;
  return {
    actor: or(filters.actor),
    target: or(filters.target),
    action: or(filters.action),
    from: or(filters.from),
    until: or(filters.until),
  };
}

/** The query string of `/api/audit.csv` for the same view, e.g. `actor=person%3Ae0042&action=interview`. */
export function csvQuery(filters: AuditFilters): string {
  return writeFilters(new URLSearchParams(), filters).toString();
}

/** The view in words, e.g. "by person:e0042, about token:t7, action interview, from 2026-11-01". */
export function describeFilters(filters: AuditFilters): string {
  const parts: string[] = [];
  if (filters.actor) parts.push(`by ${filters.actor}`);
  if (filters.target) parts.push(`about ${filters.target}`);
  if (filters.action) parts.push(`with action ${filters.action}`);
  if (filters.from) parts.push(`from ${formatDate(filters.from)}`);
  if (filters.until) parts.push(`until ${formatDate(filters.until)}`);
  return parts.join(', ');
}
