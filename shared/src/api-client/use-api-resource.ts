import { useCallback, useEffect, useState } from 'react';

export interface ApiResource<T> {
  /** The last data that loaded; kept while reloading so a refresh does not blank the page. */
  data: T | undefined;
  /** The error of the last attempt, cleared when an attempt succeeds. */
  error: unknown;
  /** True while the current `load` (or a reload) has not settled yet. */
  loading: boolean;
  reload: () => void;
}

interface Settled<T> {
  data: T | undefined;
  error: unknown;
  /** Which load function and attempt this outcome belongs to. */
  load: unknown;
  attempt: number;
}

/**
 * Loads something when the component mounts, when `load` changes and on reload(), cancelling what is
 * in flight when the component goes away or a newer load starts. `load` must be stable (module-level
 * or memoised on what it fetches, e.g. a search query): a new function loads again.
 */
export function useApiResource<T>(load: (signal: AbortSignal) => Promise<T>): ApiResource<T> {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>({
    data: undefined,
    error: null,
    load: undefined,
    attempt: -1,
  });

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (loaded) => {
        if (!controller.signal.aborted) setSettled({ data: loaded, error: null, load, attempt });
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setSettled((previous) => ({ data: previous.data, error: failure, load, attempt }));
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const reload = useCallback(() => setAttempt((current) => current + 1), []);

  // Derived rather than stored, so a new `load` counts as loading from the very render that passes it.
  const loading = settled.load !== load || settled.attempt !== attempt;
  return { data: settled.data, error: settled.error, loading, reload };
}
