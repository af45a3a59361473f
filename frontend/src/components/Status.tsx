import { Link } from 'react-router';
import type { ApiError } from '../api/client';

/** A polite, announced "loading" line. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="status status--loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** An error in plain words, with a way to try again. */
export function ErrorMessage({ error, onRetry }: { error: ApiError | Error; onRetry?: () => void }) {
  return (
    <div className="status status--error" role="alert">
      <p>{error.message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="status status--empty">{children}</p>;
}

/** What a detail page shows when the thing asked for does not exist (or may not be seen). */
export function NotFound({
  title,
  text,
  back,
  backLabel,
}: {
  title: string;
  text: string;
  back: string;
  backLabel: string;
}) {
  return (
    <section>
      <h1>{title}</h1>
      <p>{text}</p>
      <Link to={back}>{backLabel}</Link>
    </section>
  );
}
