import { useCallback, useState } from 'react';
import { ApiError, asApiError } from './client';

export interface ActionState {
  /** Runs `work`, remembering whether it is running and how it failed. */
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  busy: boolean;
  error: ApiError | undefined;
  clear: () => void;
}

/** One user action at a time (a button press, a form submit), with its error in plain words. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(async <T>(work: () => Promise<T>) => {
    setBusy(true);
    setError(undefined);
    try {
      return await work();
    } catch (e) {
      setError(asApiError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(undefined), []);
  return { run, busy, error, clear };
}
