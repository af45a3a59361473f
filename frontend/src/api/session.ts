/**
 * "The server no longer knows who you are": the GraphQL client reports an
 * HTTP 401 here, and the sign-in gate listens, so any page's query can send
 * the person back to sign in.
 */
export const SESSION_ENDED_MESSAGE = 'Your session ended; sign in again.';

type Listener = () => void;
const listeners = new Set<Listener>();

/** Calls `listener` whenever a request finds the session gone; returns the unsubscribe. */
export function onSessionEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportSessionEnded(): void {
  for (const listener of [...listeners]) listener();
}
