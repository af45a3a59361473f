import { Client, makeErrorResult, makeResult, type Exchange, type Operation, type OperationResult } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
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

/**
 * A client with a normalised cache: an answer that includes a record (a
 * person, a community, an interview…) updates every screen that shows it.
 * One client per signed-in session, so nothing one person saw is kept for
 * the next.
 */
export function createApiClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange({ keys: cacheKeys }), transportExchange],
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
