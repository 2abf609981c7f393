import { useEffect, useState } from 'react';
import type { SourceDebuggerResponse } from '../../contracts/index.ts';
import { fetchSourceDebugger } from './sources-api.ts';

/** How often the debugger asks for what arrived (Segment's Debugger refreshes about as often). */
const POLL_MS = 2000;

export interface LiveDebugger {
  /** The last answer; it stays while a later poll fails. */
  data: SourceDebuggerResponse | undefined;
  /** The last poll's failure, null once one succeeds again. */
  error: unknown;
  updatedAt: Date | undefined;
  paused: boolean;
  setPaused: (paused: boolean) => void;
  /** Polls again at once (after an error). */
  retry: () => void;
}

/** What a source sent lately, polled every two seconds until paused; one request at a time. */
export function useLiveDebugger(sourceId: string): LiveDebugger {
  const [paused, setPaused] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Pick<LiveDebugger, 'data' | 'error' | 'updatedAt'>>({
    data: undefined,
    error: null,
    updatedAt: undefined,
  });

  useEffect(() => {
    if (paused) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    const poll = async () => {
      controller = new AbortController();
      try {
        const data = await fetchSourceDebugger(sourceId, controller.signal);
        if (!stopped) setState({ data, error: null, updatedAt: new Date() });
      } catch (error) {
        if (!stopped) setState((before) => ({ ...before, error }));
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
    };
  }, [sourceId, paused, attempt]);

  return { ...state, paused, setPaused, retry: () => setAttempt((current) => current + 1) };
}
