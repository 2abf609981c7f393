import { useCallback, useEffect, useRef, useState } from 'react';
import type { Flow, UpdateFlow } from '../../contracts/index.ts';
import { updateFlow } from '../api/flows-api.ts';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

export interface FlowAutosave {
  status: SaveStatus;
  error: unknown;
  /** Saves now if anything is unsaved; true once the current draft is stored. */
  flush: () => Promise<boolean>;
}

/**
 * Saves the draft (`PATCH /api/v1/flows/:id`) a moment after each change, one request at a time.
 * An invalid graph saves too (its problems come back); only a failed request leaves it unsaved.
 * Leaving the editor saves what is pending; closing the tab with unsaved changes asks first.
 */
export function useFlowAutosave(
  flowId: string,
  draft: UpdateFlow,
  options: { enabled: boolean; delayMs?: number; onSaved?: (flow: Flow) => void },
): FlowAutosave {
  const { enabled, delayMs = 800, onSaved } = options;
  const json = JSON.stringify(draft);
  const [savedJson, setSavedJson] = useState(json);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  const latest = useRef({ json, draft });
  const saved = useRef(json);
  const inFlight = useRef<Promise<boolean>>(undefined);
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    latest.current = { json, draft };
    onSavedRef.current = onSaved;
  });

  const save = useCallback(async (): Promise<boolean> => {
    while (inFlight.current) await inFlight.current;
    const sending = latest.current;
    if (sending.json === saved.current) return true;
    const run = (async () => {
      setSaving(true);
      try {
        const flow = await updateFlow(flowId, sending.draft);
        saved.current = sending.json;
        setSavedJson(sending.json);
        setError(undefined);
        onSavedRef.current?.(flow);
        return true;
      } catch (failure) {
        setError(failure);
        return false;
      } finally {
        setSaving(false);
      }
    })();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = undefined;
    }
  }, [flowId]);

  useEffect(() => {
    if (!enabled || json === savedJson) return;
    const timer = setTimeout(() => void save(), delayMs);
    return () => clearTimeout(timer);
  }, [enabled, json, savedJson, delayMs, save]);

  const dirty = json !== savedJson;
  useEffect(() => {
    if (!enabled || !dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [enabled, dirty]);

  useEffect(
    () => () => {
      if (enabled && latest.current.json !== saved.current)
        void updateFlow(flowId, latest.current.draft).catch(() => {});
    },
    [enabled, flowId],
  );

  const flush = useCallback(() => (enabled ? save() : Promise.resolve(!dirty)), [enabled, save, dirty]);

  let status: SaveStatus = 'saved';
  if (saving) status = 'saving';
  else if (error !== undefined && dirty) status = 'failed';
  else if (dirty) status = 'pending';
  return { status, error: dirty ? error : undefined, flush };
}
