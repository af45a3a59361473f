import { vi } from 'vitest';
import { FakeAuthServer, json, unauthenticated } from './mockAuth';
import { asServerAnswer } from './serverShape';

type Handler = (variables: Record<string, unknown>) => unknown;

/** Answers the JSON endpoints under /api/ (imports); GraphQL goes to the handlers. */
export type RestHandler = (method: string, url: URL, init: RequestInit) => Response | Promise<Response>;

export interface Call {
  operation: string;
  variables: Record<string, unknown>;
}

/** The server's defaults (`make run`): three people asked, five a week at most, nobody e-mailed. */
export const defaultNetworkSettings = {
  people: 3,
  maxOpenPerWeek: 5,
  leavingWithinDays: 30,
  email: false,
  webhook: false,
};

/**
 * What the app asks on every page (the navigation's count of questions
 * waiting, the network settings its wording follows), answered like a fresh
 * server when a test gives no handler of its own; such background calls are
 * then left out of the calls returned, so tests list only what their page asked.
 */
const BACKGROUND: Record<string, Handler> = {
  NetworkSettings: () => ({ networkSettings: defaultNetworkSettings }),
  QuestionsWaiting: () => ({ questionsForMe: [] }),
};

/**
 * Stubs `fetch` with a fake GraphQL endpoint. Handlers are keyed by operation
 * name and return `data` (or a promise of it, to control when answers arrive);
 * a handler may return `{ errors: [...] }` instead by throwing a {@link GraphQLFailure}.
 * Requests to /auth/… go to `auth` (by default someone is signed in); while
 * nobody is signed in there, /graphql answers HTTP 401 as the server does.
 */
export function mockApi(handlers: Record<string, Handler>, auth = new FakeAuthServer(), rest?: RestHandler): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const url = new URL(path, 'http://tacit.test');
      if (url.pathname.startsWith('/auth/')) return auth.handle(url, init);
      if (!auth.me) return unauthenticated();
      if (url.pathname.startsWith('/api/')) {
        return rest
          ? rest(init.method ?? 'GET', url, init)
          : json({ errors: [{ message: `no mock for ${url.pathname}` }] }, 404);
      }
      const body = JSON.parse(String(init.body)) as { query: string; variables?: Record<string, unknown> };
      const operation = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
      const variables = body.variables ?? {};
      const handler = handlers[operation] ?? BACKGROUND[operation];
      if (handlers[operation] || !BACKGROUND[operation]) calls.push({ operation, variables });
      if (!handler) return json({ errors: [{ message: `no mock for ${operation}` }] });
      try {
        return json({ data: asServerAnswer(body.query, await handler(variables)) });
      } catch (e) {
        if (e instanceof GraphQLFailure) {
          return json({ data: null, errors: [{ message: e.message, extensions: { code: e.code } }] }, e.status);
        }
        throw e;
      }
    }),
  );
  return calls;
}

export class GraphQLFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status = 200,
  ) {
    super(message);
  }
}

/** A Relay connection over `nodes`, paged by index cursors. */
export function connection<T>(nodes: T[], first: number, after?: unknown) {
  const start = typeof after === 'string' ? Number(after) + 1 : 0;
  const page = nodes.slice(start, start + first);
  return {
    totalCount: nodes.length,
    pageInfo: {
      hasNextPage: start + first < nodes.length,
      endCursor: page.length ? String(start + page.length - 1) : null,
    },
    edges: page.map((node, i) => ({ cursor: String(start + i), node })),
  };
}
