import { useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { startSessionClient } from './urqlClient';

/**
 * Gives the screens below it one GraphQL client with a fresh normalised
 * cache. Render it once per session (keyed by the session), so a new
 * sign-in starts empty and nothing one person saw is shown to the next.
 */
export function ApiProvider({ children }: { children: ReactNode }) {
  const [client] = useState(startSessionClient);
  return <Provider value={client}>{children}</Provider>;
}
