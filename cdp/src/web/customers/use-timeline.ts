import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchProfileEvents } from './customers-api.ts';
import type { ProfileEvent } from './customers-api.ts';

export interface Timeline {
  events: ProfileEvent[];
  /** Whether the server has older events than those loaded. */
  hasMore: boolean;
  loading: boolean;
  /** The error of the last page request; the events loaded before it stay. */
  error: unknown;
  /** Loads the next (older) page, or retries the page that failed. */
  loadMore: () => void;
}

interface State {
  events: ProfileEvent[];
  nextCursor: string | null;
  /** False until the first page has loaded. */
  started: boolean;
  loading: boolean;
  error: unknown;
}

/** A profile's events, newest first, one cursor page at a time. Remount (key) to start over. */
export function useTimeline(profileId: string): Timeline {
  const [state, setState] = useState<State>({
    events: [],
    nextCursor: null,
    started: false,
    loading: true,
    error: null,
  });
  const inFlight = useRef<AbortController | null>(null);

  const request = useCallback(
    (cursor: string | undefined) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      fetchProfileEvents(profileId, cursor, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          setState((before) => ({
            events: cursor === undefined ? page.items : [...before.events, ...page.items],
            nextCursor: page.nextCursor,
            started: true,
            loading: false,
            error: null,
          }));
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState((before) => ({ ...before, loading: false, error }));
        },
      );
    },
    [profileId],
  );

  useEffect(() => {
    request(undefined);
    return () => inFlight.current?.abort();
  }, [request]);

  const loadMore = useCallback(() => {
    if (state.loading) return;
    setState((before) => ({ ...before, loading: true, error: null }));
    // Before the first page arrived there is no cursor yet: retry the first page.
    request(state.started ? (state.nextCursor ?? undefined) : undefined);
  }, [request, state.loading, state.started, state.nextCursor]);

  return {
    events: state.events,
    hasMore: state.nextCursor !== null,
    loading: state.loading,
    error: state.error,
    loadMore,
  };
}
