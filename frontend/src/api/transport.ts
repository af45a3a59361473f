import { print } from '@0no-co/graphql.web';
import { reportSessionEnded, SESSION_ENDED_MESSAGE } from './session';

export const GRAPHQL_ENDPOINT = '/graphql';

/** An error worded for the person using the app; `code` is the server's `extensions.code`. */
export class ApiError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** `e` as an {@link ApiError}; anything unexpected becomes a general "try again". */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('Something went wrong. Please try again.', 'CLIENT');
}

interface GraphQLErrorBody {
  message?: string;
  extensions?: { code?: string };
}

const printed = new WeakMap<object, string>();

function queryText(doc: object & Parameters<typeof print>[0]): string {
  let text = printed.get(doc);
  if (text === undefined) {
    text = print(doc);
    printed.set(doc, text);
  }
  return text;
}

/** Turns a GraphQL error into words a person can act on. */
export function explainError(error: GraphQLErrorBody | undefined): ApiError {
  const code = error?.extensions?.code ?? 'INTERNAL';
  switch (code) {
    case 'BAD_USER_INPUT':
      return new ApiError(error?.message ?? 'Some of what was entered is not valid.', code);
    case 'NOT_FOUND':
      return new ApiError('We could not find what you asked for. It may have been removed.', code);
    case 'FORBIDDEN':
      return new ApiError('You do not have permission to see this.', code);
    case 'UNAUTHENTICATED':
      return new ApiError('Please sign in to see this.', code);
    case 'CONFLICT':
      return new ApiError(error?.message ?? 'Someone else changed this at the same time. Please try again.', code);
    default:
      return new ApiError('Something went wrong on the server. Please try again in a moment.', code);
  }
}

/**
 * Sends one GraphQL document over HTTP and returns its data, or throws an
 * {@link ApiError}. This is the transport under the urql client
 * (see `transport.ts`); screens use {@link request} or `useQuery`, which go
 * through the client and its normalised cache.
 */
export async function send(
  doc: object & Parameters<typeof print>[0],
  variables: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query: queryText(doc), variables }),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError('Could not reach the Tacit server. Check your connection and try again.', 'NETWORK');
  }

  // No session (it expired, or someone signed out in another tab): back to the sign-in page.
  if (response.status === 401) {
    reportSessionEnded();
    throw new ApiError(SESSION_ENDED_MESSAGE, 'UNAUTHENTICATED');
  }

  let body: { data?: unknown; errors?: GraphQLErrorBody[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(
      `The server sent an answer we could not read (HTTP ${response.status}). Please try again.`,
      'BAD_RESPONSE',
    );
  }
  if (body.errors && body.errors.length > 0) throw explainError(body.errors[0]);
  if (!response.ok || body.data == null) {
    throw new ApiError(`The server could not answer (HTTP ${response.status}). Please try again.`, 'BAD_RESPONSE');
  }
  return body.data;
}
