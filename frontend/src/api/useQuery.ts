import { useCallback, useRef, useState } from 'react';
import type { AnyVariables } from '@urql/core';
import type { TadaDocumentNode } from 'gql.tada';
import { useQuery as useUrqlQuery } from 'urql';
import { ApiError, asApiError, fromCombined, request } from './client';

export interface QueryState<Result> {
  data: Result | undefined;
  error: ApiError | undefined;
  loading: boolean;
  retry: () => void;
}

/**
 * Runs a query whenever its variables change, through the session's
 * normalised cache: what is cached shows at once while the server is asked
 * again, and a mutation that changes a record shown here updates it in
 * place. The previous data stays visible while a new answer loads, so lists
 * do not flicker as the user types.
 */
export function useQuery<Result, Variables>(
  doc: TadaDocumentNode<Result, Variables>,
  variables: Variables,
): QueryState<Result> {
  const [result, reexecute] = useUrqlQuery<Result, AnyVariables>({
    query: doc,
    variables: variables as AnyVariables,
  });
  const shown = useRef<Result | undefined>(undefined);
  if (result.data !== undefined) shown.current = result.data;
  const error = result.error ? fromCombined(result.error) : undefined;
  const retry = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  return {
    data: result.data ?? (error ? undefined : shown.current),
    error,
    loading: result.fetching || result.stale,
    retry,
  };
}

export interface Connection<Node> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: ReadonlyArray<{ cursor: string; node: Node }>;
}

export interface ConnectionState<Node> {
  nodes: Node[];
  totalCount: number | undefined;
  hasNextPage: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | undefined;
  loadMore: () => void;
  retry: () => void;
}

/**
 * A Relay connection query with "load more": the first page follows the
 * variables; `loadMore` fetches the next page with `after` and appends it.
 */
export function useConnection<Result, Variables extends { after?: string | null }, Node>(
  doc: TadaDocumentNode<Result, Variables>,
  variables: Omit<Variables, 'after'>,
  select: (data: Result) => Connection<Node> | null | undefined,
): ConnectionState<Node> {
  const first = useQuery(doc, variables as Variables);
  const [more, setMore] = useState<{ after?: string; pages: Connection<Node>[] }>({ pages: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError>();

  // Pages loaded after the first follow it while it ends where it did: a
  // record on it changing (the cache updating it) keeps them; new filters or
  // a first page that now ends elsewhere start again.
  const firstData = first.data;
  const firstPage = firstData ? select(firstData) : undefined;
  const after = firstPage ? `${JSON.stringify(variables)} ${firstPage.pageInfo.endCursor ?? ''}` : undefined;
  const pages = after !== undefined && more.after === after ? more.pages : [];
  const all = firstPage ? [firstPage, ...pages] : [];
  const last = all[all.length - 1];

  const loadMore = useCallback(() => {
    if (!firstData || !last?.pageInfo.hasNextPage || loadingMore) return;
    setLoadingMore(true);
    setMoreError(undefined);
    const vars = { ...variables, after: last.pageInfo.endCursor } as Variables;
    request(doc, vars).then(
      (data) => {
        const page = select(data);
        setMore((m) => ({
          after,
          pages: [...(m.after === after ? m.pages : []), ...(page ? [page] : [])],
        }));
        setLoadingMore(false);
      },
      (e: unknown) => {
        setMoreError(asApiError(e));
        setLoadingMore(false);
      },
    );
  }, [doc, variables, select, firstData, last, loadingMore, after]);

  return {
    nodes: all.flatMap((p) => p.edges.map((e) => e.node)),
    totalCount: firstPage?.totalCount,
    hasNextPage: last?.pageInfo.hasNextPage ?? false,
    loading: first.loading,
    loadingMore,
    error: first.error ?? moreError,
    loadMore,
    retry: first.error ? first.retry : loadMore,
  };
}
