import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Typed `graphql()` tag. Types come from `graphql-env.d.ts`, which
 * `npm run generate` writes from the checked-in SDL `../schema/schema.graphql`.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { NaiveDate: string; DateTime: string };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
