import { useCallback, useEffect, useState } from 'react';

export interface ApiResource<T> {
  /** The last data that loaded; kept while reloading so a refresh does not blank the page. */
  data: T | undefined;
  /** The error of the last attempt, cleared when an attempt succeeds. */
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads something when the component mounts and on reload(), cancelling what is in flight when the
 * component goes away. `load` must be stable (module-level or memoised): a new function reloads.
 */
export function useApiResource<T>(load: (signal: AbortSignal) => Promise<T>): ApiResource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (loaded) => {
        if (controller.signal.aborted) return;
        setData(loaded);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const reload = useCallback(() => {
    setLoading(true);
    setAttempt((current) => current + 1);
  }, []);

  return { data, error, loading, reload };
}
