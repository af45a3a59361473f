import type { KeyingConfig } from '@urql/exchange-graphcache';

type Ref = { id?: unknown } | null | undefined;
type Keyed = { id?: unknown; person?: Ref; skill?: Ref; community?: Ref };

/** `a/b` when both records' ids were asked for. */
const pair = (a: Ref, b: Ref) => (a?.id != null && b?.id != null ? `${String(a.id)}/${String(b.id)}` : null);

/** A record's key in the cache: its `id` when it has one. */
const byId = (data: Keyed) => (data.id == null ? null : String(data.id));

/**
 * Types without an id of their own that are still one record: a person's
 * skill is the pair of person and skill, a membership the pair of person and
 * community (when both ids were asked for), so endorsing, changing a level or
 * a role updates every list showing it.
 */
const pairs: Record<string, (data: Keyed) => string | null> = {
  PersonSkill: (d) => pair(d.person, d.skill),
  Membership: (d) => pair(d.person, d.community),
};

/**
 * How the normalised cache names records: every type with an `id` (people,
 * communities, skills, interviews, disposal requests…) is one record per id,
 * shared by every query that shows it; a type without one (a search result,
 * a membership, a page of a list, a payload) lives inside whatever holds it.
 * A map that answers for every type name, so types added to the schema
 * follow the same rule without a list to keep in step.
 */
export const cacheKeys: KeyingConfig = new Proxy({} as KeyingConfig, {
  get: (_, type) => (typeof type === 'string' && pairs[type]) || byId,
  has: () => true,
});
