/** A draft with its JSON, by which what was last stored is recognised. */
export interface KeyedDraft<Draft> {
  json: string;
  draft: Draft;
}

/** A save the server refused or that never arrived, kept with the draft it was for. */
export interface SaveFailure<Draft> {
  error: unknown;
  /** The draft that was refused, so errors naming e.g. `fields.3` find what they are about. */
  draft: Draft;
}

export interface DraftSaverEvents<Draft> {
  /** A request starts (true) or ends (false). */
  onSaving: (saving: boolean) => void;
  onStored: (stored: KeyedDraft<Draft>) => void;
  onFailed: (failure: SaveFailure<Draft>) => void;
}

export interface DraftSaver<Draft> {
  /** The draft to store next; it replaces any newer-than-stored draft not sent yet. */
  setLatest: (latest: KeyedDraft<Draft>) => void;
  latest: () => KeyedDraft<Draft>;
  /** Whether the latest draft differs from the last one stored. */
  hasUnsaved: () => boolean;
  /**
   * Stores the latest draft with `store`, after the request in flight if there is one, and only if it
   * is not stored already. True once it is; false when the request failed.
   */
  save: (store: (draft: Draft) => Promise<unknown>) => Promise<boolean>;
}

/**
 * Stores drafts one request at a time, always the newest: a change made while a save is in flight
 * goes in the next request, never in a parallel one that could land first and be overwritten.
 */
export function createDraftSaver<Draft>(
  initial: KeyedDraft<Draft>,
  events: DraftSaverEvents<Draft>,
): DraftSaver<Draft> {
  let latest = initial;
  let storedJson = initial.json;
  let inFlight: Promise<boolean> | undefined;

  async function send(
    sending: KeyedDraft<Draft>,
    store: (draft: Draft) => Promise<unknown>,
  ): Promise<boolean> {
    events.onSaving(true);
    try {
      await store(sending.draft);
      storedJson = sending.json;
      events.onStored(sending);
      return true;
    } catch (error) {
      events.onFailed({ error, draft: sending.draft });
      return false;
    } finally {
      events.onSaving(false);
    }
  }

  async function save(store: (draft: Draft) => Promise<unknown>): Promise<boolean> {
    while (inFlight) await inFlight;
    const sending = latest;
    if (sending.json === storedJson) return true;
    const request = send(sending, store);
    inFlight = request;
    try {
      return await request;
    } finally {
      inFlight = undefined;
    }
  }

  return {
    setLatest: (next) => {
      latest = next;
    },
    latest: () => latest,
    hasUnsaved: () => latest.json !== storedJson,
    save,
  };
}
