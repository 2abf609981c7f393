import { useEffect, useState } from 'react';
import type { SegmentRule } from '../../contracts/index.ts';
import { previewSegment, type SegmentPreview } from './segments-api.ts';

/** Quiet time after the last change before the count is asked for. */
export const PREVIEW_DELAY_MS = 400;

export interface LivePreview {
  /** The last count that arrived (kept, dimmed, while a newer one loads). */
  data: SegmentPreview | undefined;
  error: unknown;
  loading: boolean;
}

interface Settled {
  key: string;
  data?: SegmentPreview;
  error?: unknown;
}

/**
 * The live count of a rule: asks `/preview` once the rule has stopped changing for a moment, and
 * drops answers to rules that changed since. `rule` undefined: the draft is incomplete, nothing asked.
 */
export function useLivePreview(rule: SegmentRule | undefined): LivePreview {
  const key = rule === undefined ? null : JSON.stringify(rule);
  const [settled, setSettled] = useState<Settled>();

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewSegment(JSON.parse(key) as SegmentRule, controller.signal).then(
        (data) => setSettled({ key, data }),
        (error: unknown) => {
          if (!controller.signal.aborted) setSettled((previous) => ({ key, data: previous?.data, error }));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);

  const current = settled?.key === key;
  return {
    data: settled?.data,
    error: current ? (settled?.error ?? null) : null,
    loading: key !== null && !current,
  };
}
