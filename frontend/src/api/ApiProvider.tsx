import { useLayoutEffect, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createApiClient, makeActive } from './urqlClient';

/**
 * Gives the screens below it one GraphQL client with a fresh normalised
 * cache. Render it once per session (keyed by the session), so a new
 * sign-in starts empty and nothing one person saw is shown to the next.
 * The same client answers `request()` (mutations, "load more"), so what a
 * mutation returns reaches the screens that read this client's cache.
 */
export function ApiProvider({ children }: { children: ReactNode }) {
  // Pure: React may call it twice (strict mode) and keep only one.
  const [client] = useState(createApiClient);
  // Before any child's effects run, and again if strict mode remounts.
  useLayoutEffect(() => makeActive(client), [client]);
  return <Provider value={client}>{children}</Provider>;
}
