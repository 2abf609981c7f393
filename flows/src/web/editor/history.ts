/**
 * Undo/redo of the editor's graph as whole snapshots (graphs are small; snapshots make every change,
 * including a paste or an auto-layout, one step). Typing in one field is one step, not one per key.
 */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The group of the last change: another change of the same group amends that step. */
  group: string | undefined;
}

export const HISTORY_LIMIT = 100;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], group: undefined };
}

/** A change the user can undo. Changes of the same `group` in a row (one field being typed in) are one step. */
export function pushChange<T>(history: History<T>, next: T, group?: string): History<T> {
  if (group !== undefined && group === history.group) {
    return { ...history, present: next, future: [] };
  }
  return {
    past: [...history.past, history.present].slice(-HISTORY_LIMIT),
    present: next,
    future: [],
    group,
  };
}

/** A step that started earlier, e.g. a drag: undo goes back to `before`, where the drag began. */
export function pushStepFrom<T>(history: History<T>, before: T, next: T): History<T> {
  return {
    past: [...history.past, before].slice(-HISTORY_LIMIT),
    present: next,
    future: [],
    group: undefined,
  };
}

/** Changes that are not steps of their own: selection, measured sizes, positions while dragging. */
export function amendPresent<T>(history: History<T>, next: T): History<T> {
  return { ...history, present: next };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    group: undefined,
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, group: undefined };
}
