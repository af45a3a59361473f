/** "Showing 20 of 143" and a button for the next page. */
export function LoadMore(props: { shown: number; total?: number; hasNextPage: boolean; loading: boolean; onLoadMore: () => void; noun: string }) {
  return (
    <div className="load-more">
      {props.total !== undefined && (
        <p className="muted" aria-live="polite">
          Showing {props.shown.toLocaleString('en-GB')} of {props.total.toLocaleString('en-GB')} {props.noun}
        </p>
      )}
      {props.hasNextPage && (
        <button type="button" className="button" onClick={props.onLoadMore} disabled={props.loading}>
          {props.loading ? 'Loading…' : `Load more ${props.noun}`}
        </button>
      )}
    </div>
  );
}
