import { createContext, useContext } from 'react';
import type { Me } from './types';

export interface Session {
  me: Me;
  /** Ends the session on the server, then shows the sign-in page. Throws an ApiError if the server cannot be reached. */
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useMe() and useSignOut() work only inside <AuthGate>, once someone is signed in');
  return session;
}

/** Who is signed in: their person (id, name…) and roles. Pages render only once someone is. */
export function useMe(): Me {
  return useSession().me;
}

export function useSignOut(): () => Promise<void> {
  return useSession().signOut;
}
