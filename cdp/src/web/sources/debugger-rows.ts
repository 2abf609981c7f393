import type { BadgeTone } from '@orchestrator/shared/ui';
import type { SourceDebuggerEntry } from '../../contracts/index.ts';

/** A debugger entry with a key that stays the same from one poll to the next. */
export type DebuggerRow = SourceDebuggerEntry & { key: string };

/**
 * Keys entries by what they are (time, message id), not by position: each poll puts new entries on
 * top, and a row that keeps its key keeps its focus and its "selected" state.
 */
export function toDebuggerRows(entries: readonly SourceDebuggerEntry[]): DebuggerRow[] {
  const seen = new Map<string, number>();
  // Oldest first, so an entry's occurrence number does not change when newer ones arrive.
  const rows = [...entries].reverse().map((entry) => {
    const base = `${entry.receivedAt}|${entry.messageId ?? entry.status}`;
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    return { ...entry, key: `${base}|${occurrence}` };
  });
  return rows.reverse();
}

export interface OutcomeDisplay {
  tone: BadgeTone;
  label: string;
  /** Why, when something went wrong. */
  detail?: string;
}

/** What the outcome column says about an entry. */
export function describeOutcome(entry: SourceDebuggerEntry): OutcomeDisplay {
  if (entry.status === 'refused') {
    return { tone: 'danger', label: 'Refused', detail: entry.reason ?? undefined };
  }
  switch (entry.outcome?.state) {
    case 'processed':
      return { tone: 'success', label: 'In a profile' };
    case 'rejected':
      return { tone: 'warning', label: 'Not processed', detail: entry.outcome.reason };
    default:
      return { tone: 'neutral', label: 'On its way' };
  }
}

/** Who an entry is about, as the row shows it: the user id, else the anonymous id. */
export function whoOf(entry: SourceDebuggerEntry): string | undefined {
  return entry.userId ?? entry.anonymousId ?? undefined;
}
