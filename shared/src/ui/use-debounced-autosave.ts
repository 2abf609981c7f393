import { useCallback, useEffect, useRef, useState } from 'react';
import { createDraftSaver } from './draft-saver.ts';
import type { SaveFailure } from './draft-saver.ts';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

export interface DebouncedAutosaveOptions<Draft, Saved> {
  /** Stores a draft (the record's `PUT`); what it resolves with goes to `onSaved`. */
  save: (draft: Draft) => Promise<Saved>;
  /** Off for a read-only viewer, or while the draft cannot be sent at all. */
  enabled: boolean;
  /** How long after the last change the draft is saved. */
  delayMs: number;
  onSaved?: (saved: Saved) => void;
}

export interface DebouncedAutosave<Draft> {
  status: SaveStatus;
  /** Why the last save failed, while the draft is still unsaved. */
  failure: SaveFailure<Draft> | undefined;
  /** Saves now if anything is unsaved; true once the current draft is stored. */
  flush: () => Promise<boolean>;
}

/**
 * Saves an editor's draft a moment after each change, one request at a time (see createDraftSaver);
 * a failed save is kept with the draft it was for, and the next change tries again. Leaving the editor
 * saves what is pending; closing the tab with unsaved changes asks first. Drafts are compared by their
 * JSON. One record per mounted hook: give the editor a `key` per record.
 */
export function useDebouncedAutosave<Draft, Saved>(
  draft: Draft,
  options: DebouncedAutosaveOptions<Draft, Saved>,
): DebouncedAutosave<Draft> {
  const { enabled, delayMs } = options;
  const json = JSON.stringify(draft);
  const [savedJson, setSavedJson] = useState(json);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure<Draft>>();

  const [saver] = useState(() =>
    createDraftSaver<Draft>(
      { json, draft },
      {
        onSaving: setSaving,
        onStored: (stored) => {
          setSavedJson(stored.json);
          setFailure(undefined);
        },
        onFailed: setFailure,
      },
    ),
  );
  // The latest callbacks, so callers need not memoise them.
  const callbacks = useRef(options);
  useEffect(() => {
    saver.setLatest({ json, draft });
    callbacks.current = options;
  });
  const save = useCallback(
    () =>
      saver.save(async (sending) => {
        const saved = await callbacks.current.save(sending);
        callbacks.current.onSaved?.(saved);
      }),
    [saver],
  );

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

  // Leaving the editor (another page of the suite) stores what the timer had not saved yet; so does
  // turning saving off, which stores the last draft that could be sent.
  useEffect(
    () => () => {
      if (enabled && saver.hasUnsaved()) void callbacks.current.save(saver.latest().draft).catch(() => {});
    },
    [enabled, saver],
  );

  const flush = useCallback(() => (enabled ? save() : Promise.resolve(!dirty)), [enabled, save, dirty]);

  let status: SaveStatus = 'saved';
  if (saving) status = 'saving';
  else if (failure && dirty) status = 'failed';
  else if (dirty) status = 'pending';
  return { status, failure: dirty ? failure : undefined, flush };
}
