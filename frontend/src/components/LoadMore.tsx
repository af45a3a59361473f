import type { ConnectionState } from '../api/useQuery';
import { ErrorMessage } from './Status';

/** The end of a paged list: an error from the last page, "Showing 20 of 143" and a button for the next page. */
export function ListFooter({ list, noun }: { list: ConnectionState<unknown>; noun: string }) {
  return (
    <>
      {list.error && <ErrorMessage error={list.error} onRetry={list.retry} />}
      <div className="load-more">
        {list.totalCount !== undefined && (
          <p className="muted" aria-live="polite">
            Showing {list.nodes.length.toLocaleString('en-GB')} of {list.totalCount.toLocaleString('en-GB')} {noun}
          </p>
        )}
        {list.hasNextPage && (
          <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? 'Loading…' : `Load more ${noun}`}
          </button>
        )}
      </div>
    </>
  );
}
