import { useEffect, useState } from 'react';
import { asApiError, type ApiError } from '../api/client';
import { findDevPeople } from './api';
import type { AuthPerson } from './types';

export interface DevPeople {
  people: AuthPerson[];
  /** True until the first answer for `prefix` arrives; the previous list stays meanwhile. */
  loading: boolean;
  error: ApiError | undefined;
  retry: () => void;
}

/** People whose name starts with `prefix`, for development sign-in. The caller debounces. */
export function useDevPeople(prefix: string): DevPeople {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ people: AuthPerson[]; loading: boolean; error?: ApiError }>({
    people: [],
    loading: true,
  });

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ people: s.people, loading: true }));
    findDevPeople(prefix, controller.signal).then(
      (people) => {
        if (!controller.signal.aborted) setState({ people, loading: false });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setState({ people: [], loading: false, error: asApiError(e) });
      },
    );
    return () => controller.abort();
  }, [prefix, attempt]);

  return { people: state.people, loading: state.loading, error: state.error, retry: () => setAttempt((n) => n + 1) };
}
