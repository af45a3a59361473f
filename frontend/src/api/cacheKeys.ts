import type { KeyingConfig } from '@urql/exchange-graphcache';

type Keyed = { id?: unknown };

/** A record's key in the cache: its `id` when it has one. */
const byId = (data: Keyed) => (data.id == null ? null : String(data.id));

/**
 * How the normalised cache names records: every type with an `id` (people,
 * communities, skills, interviews, disposal requests…) is one record per id,
 * shared by every query that shows it; a type without one (a search result,
 * a membership, a page of a list, a payload) lives inside whatever holds it.
 * A map that answers for every type name, so types added to the schema
 * follow the same rule without a list to keep in step.
 */
export const cacheKeys: KeyingConfig = new Proxy({} as KeyingConfig, {
  get: () => byId,
  has: () => true,
});
