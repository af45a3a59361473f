import { describe, expect, it, vi } from 'vitest';
import { graphql } from '../graphql';
import { mockApi, GraphQLFailure } from '../test/mockApi';
import { ApiError, request } from './client';

const Doc = graphql(`
  query Person($id: ID!) { person(id: $id) { id name } }
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
});
