import { Client, makeErrorResult, makeResult, type Exchange, type Operation, type OperationResult } from '@urql/core';
import { cacheExchange, type Cache } from '@urql/exchange-graphcache';
import { filter, make, merge, mergeMap, pipe, share, takeUntil } from 'wonka';
import { cacheKeys } from './cacheKeys';
import { asApiError, send } from './transport';

/**
 * Sends queries and mutations with {@link send}, so every screen gets the
 * same errors in plain words (and an HTTP 401 still sends the person back to
 * sign in). Cancelled operations abort their request.
 */
const transportExchange: Exchange =
  ({ forward }) =>
  (operations$) => {
    const shared$ = share(operations$);
    const sent$ = pipe(
      shared$,
      filter((op) => op.kind === 'query' || op.kind === 'mutation'),
      mergeMap((op) => {
        const torndown$ = pipe(
          shared$,
          filter((o) => o.kind === 'teardown' && o.key === op.key),
        );
        return pipe(answer(op), takeUntil(torndown$));
      }),
    );
    const rest$ = pipe(
      shared$,
      filter((op) => op.kind !== 'query' && op.kind !== 'mutation'),
      forward,
    );
    return merge([sent$, rest$]);
  };

function answer(op: Operation) {
  return make<OperationResult>((observer) => {
    const controller = new AbortController();
    // A moment later: a hook that looks at the cache while rendering
    // subscribes and unsubscribes at once, and that must not reach the server.
    Promise.resolve()
      .then(() => {
        if (controller.signal.aborted) throw controller.signal.reason;
        return send(op.query, op.variables, controller.signal);
      })
      .then(
        (data) => {
          observer.next(makeResult(op, { data: data as Record<string, unknown> }));
          observer.complete();
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          observer.next(makeErrorResult(op, asApiError(e)));
          observer.complete();
        },
      );
    return () => controller.abort();
  });
}

/** Mutations that change who is in a community or what it is about. */
const COMMUNITY_MUTATIONS = [
  'updateCommunity',
  'addMember',
  'removeMember',
  'joinCommunity',
  'leaveCommunity',
  'decideJoinRequest',
  'answerInvitation',
  'approveCommunity',
  'archiveCommunity',
  'unarchiveCommunity',
  'mergeCommunities',
];

/** A community's fields the server works out from its members, skills and requests. */
const DERIVED = new Set([
  'health',
  'suggestedMembers',
  'members',
  'memberCount',
  'pendingRequests',
  'pendingInvitations',
  'pendingRequestCount',
  'myRequest',
  'myDeclinedRequest',
  'skills',
]);

/**
 * What follows from such a change is worked out by the server (health,
 * suggested members, requests, counts), so those fields of the community
 * are marked stale and every screen showing them asks again (its own
 * answer, read back from the cache, keeps the fields it asked for). The ids come from the mutation's
 * input (`communityId`, `id`, or the two sides of a merge) or its answer
 * (a decided request names its community).
 */
const communityChanges = Object.fromEntries(
  COMMUNITY_MUTATIONS.map((name) => [
    name,
    (result: Record<string, unknown>, args: Record<string, unknown>, cache: Cache) => {
      const input = (args.input ?? {}) as Record<string, unknown>;
      type Ref = { id?: unknown } | null | undefined;
      const answer = result[name] as { community?: Ref; request?: { community?: Ref } | null } | null | undefined;
      const ids = [
        input.communityId,
        input.id,
        input.survivorId,
        input.mergedId,
        answer?.community?.id,
        answer?.request?.community?.id,
      ];
      // What the answer itself brought is fresh: keep it (it is also what the caller reads back).
      const fresh = new Set(Object.keys(answer?.community ?? {}));
      for (const id of ids) {
        if (typeof id !== 'string') continue;
        const community = { __typename: 'Community', id };
        for (const field of cache.inspectFields(community)) {
          if (DERIVED.has(field.fieldName) && !(id === answer?.community?.id && fresh.has(field.fieldName))) {
            cache.invalidate(community, field.fieldName, field.arguments ?? undefined);
          }
        }
      }
    },
  ]),
);

/**
 * A client with a normalised cache: an answer that includes a record (a
 * person, a community, an interview…) updates every screen that shows it.
 * One client per signed-in session, so nothing one person saw is kept for
 * the next.
 */
export function createApiClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange({ keys: cacheKeys, updates: { Mutation: communityChanges } }), transportExchange],
    requestPolicy: 'cache-and-network',
  });
}

let active: Client | undefined;

/** The client of the session on screen (a new one before anyone signs in). */
export function activeClient(): Client {
  active ??= createApiClient();
  return active;
}

/**
 * Makes `client` the one `request()` uses, until the returned function
 * undoes it (when its provider unmounts).
 */
export function makeActive(client: Client): () => void {
  active = client;
  return () => {
    if (active === client) active = undefined;
  };
}
