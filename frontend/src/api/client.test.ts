import { describe, expect, it, vi } from 'vitest';
import { graphql } from '../graphql';
import { mockApi, GraphQLFailure } from '../test/mockApi';
import { ApiError, request } from './client';
import { onSessionEnded } from './session';

const Doc = graphql(`
  query Person($id: ID!) {
    person(id: $id) {
      id
      name
    }
  }
`);

describe('request', () => {
  it('posts the printed query with variables and returns data', async () => {
    const calls = mockApi({ Person: (v) => ({ person: { id: v.id, name: 'Mei Chen' } }) });
    await expect(request(Doc, { id: 'p3' })).resolves.toEqual({ person: { id: 'p3', name: 'Mei Chen' } });
    expect(calls).toEqual([{ operation: 'Person', variables: { id: 'p3' } }]);
  });

  it('words server error codes for people', async () => {
    mockApi({
      Person: () => {
        throw new GraphQLFailure('internal: row decode failed', 'INTERNAL_SERVER_ERROR');
      },
    });
    const error = await request(Doc, { id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Something went wrong on the server. Please try again in a moment.');
    expect((error as ApiError).message).not.toContain('row decode');
  });

  it('passes BAD_USER_INPUT messages through', async () => {
    mockApi({
      Person: () => {
        throw new GraphQLFailure('first must be at most 100', 'BAD_USER_INPUT');
      },
    });
    await expect(request(Doc, { id: 'x' })).rejects.toThrow('first must be at most 100');
  });

  it('explains network failures and unreadable answers', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(request(Doc, { id: 'x' })).rejects.toThrow('Could not reach the Tacit server');
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502 })));
    await expect(request(Doc, { id: 'x' })).rejects.toThrow('HTTP 502');
  });

  it('reports an ended session (HTTP 401) so the app can ask to sign in again', async () => {
    const unauthenticated = { errors: [{ message: 'sign in first', extensions: { code: 'UNAUTHENTICATED' } }] };
    const fetch = vi.fn().mockResolvedValue(new Response(JSON.stringify(unauthenticated), { status: 401 }));
    vi.stubGlobal('fetch', fetch);
    const ended = vi.fn();
    const stop = onSessionEnded(ended);
    try {
      const error = await request(Doc, { id: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).message).toBe('Your session ended; sign in again.');
      expect((error as ApiError).code).toBe('UNAUTHENTICATED');
      expect(ended).toHaveBeenCalledTimes(1);
      expect(fetch.mock.calls[0]?.[1]).toMatchObject({ credentials: 'same-origin' });
    } finally {
      stop();
    }
  });
});
