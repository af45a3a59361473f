import { useCallback, useEffect, useState } from 'react';
import type { TadaDocumentNode } from 'gql.tada';
import { ApiError, asApiError, request } from './client';

export interface QueryState<Result> {
  data: Result | undefined;
  error: ApiError | undefined;
  loading: boolean;
  retry: () => void;
}

/**
 * Runs a query whenever its variables change. The previous data stays visible
 * while a new answer loads, so lists do not flicker as the user types.
 */
export function useQuery<Result, Variables>(
  doc: TadaDocumentNode<Result, Variables>,
  variables: Variables,
): QueryState<Result> {
  const key = JSON.stringify(variables);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ data?: Result; error?: ApiError; loading: boolean }>({ loading: true });

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    request(doc, JSON.parse(key) as Variables, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setState({ error: asApiError(e), loading: false });
      },
    );
    return () => controller.abort();
  }, [doc, key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, data: state.data, error: state.error, retry };
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
  const [more, setMore] = useState<{ base?: Result; pages: Connection<Node>[] }>({ pages: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError>();

  // New first page (new filters): forget pages loaded after the old one.
  const firstData = first.data;
  const pages = more.base === firstData ? more.pages : [];
  const firstPage = firstData ? select(firstData) : undefined;
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
        setMore((m) => ({ base: firstData, pages: [...(m.base === firstData ? m.pages : []), ...(page ? [page] : [])] }));
        setLoadingMore(false);
      },
      (e: unknown) => {
        setMoreError(asApiError(e));
        setLoadingMore(false);
      },
    );
  }, [doc, variables, select, firstData, last, loadingMore]);

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
