import { useCallback, useEffect, useRef, useState } from 'react';
import type { Form, FormDefinition } from '../../contracts/index.ts';
import { saveForm } from '../api/forms-api.ts';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

export interface SaveFailure {
  error: unknown;
  /** The draft that was refused, so errors naming `fields.3` or `logic.1` find their field or rule. */
  draft: FormDefinition;
}

export interface Autosave {
  status: SaveStatus;
  failure: SaveFailure | undefined;
  /** Saves now if anything is unsaved; true once the current draft is stored. */
  flush: () => Promise<boolean>;
}

/**
 * Saves the builder's draft a moment after each change (`PUT /api/v1/forms/:id`), one request at a time;
 * a refused save (422) is kept with the draft it refused, and the next change tries again. Leaving the
 * builder saves what is pending; closing the tab with unsaved changes asks first.
 */
export function useAutosave(
  formId: string,
  draft: FormDefinition,
  options: { enabled: boolean; delayMs?: number; onSaved?: (form: Form) => void },
): Autosave {
  const { enabled, delayMs = 700, onSaved } = options;
  const json = JSON.stringify(draft);
  const [savedJson, setSavedJson] = useState(json);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure>();

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
        const form = await saveForm(formId, sending.draft);
        saved.current = sending.json;
        setSavedJson(sending.json);
        setFailure(undefined);
        onSavedRef.current?.(form);
        return true;
      } catch (error) {
        setFailure({ error, draft: sending.draft });
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
  }, [formId]);

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

  // Leaving the builder (another page of the suite) stores what the timer had not saved yet.
  useEffect(
    () => () => {
      if (enabled && latest.current.json !== saved.current)
        void saveForm(formId, latest.current.draft).catch(() => {});
    },
    [enabled, formId],
  );

  const flush = useCallback(() => (enabled ? save() : Promise.resolve(!dirty)), [enabled, save, dirty]);

  let status: SaveStatus = 'saved';
  if (saving) status = 'saving';
  else if (failure && dirty) status = 'failed';
  else if (dirty) status = 'pending';
  return { status, failure: dirty ? failure : undefined, flush };
}
