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

/**
 * How long a message may be on its way before the debugger says it left no trace. The builder keeps
 * nothing of what it drops on purpose (a message naming an erased person), so only time tells.
 */
export const NO_TRACE_AFTER_MS = 10 * 60_000;

/** What the outcome column says about an entry (`now`: to tell a message on its way from a lost one). */
export function describeOutcome(entry: SourceDebuggerEntry, now = new Date()): OutcomeDisplay {
  if (entry.status === 'refused') {
    return { tone: 'danger', label: 'Refused', detail: entry.reason ?? undefined };
  }
  switch (entry.outcome?.state) {
    case 'processed':
      return { tone: 'success', label: 'In a profile' };
    case 'rejected':
      return { tone: 'warning', label: 'Not processed', detail: entry.outcome.reason };
    default:
      if (now.getTime() - Date.parse(entry.receivedAt) < NO_TRACE_AFTER_MS) {
        return { tone: 'neutral', label: 'On its way' };
      }
      return {
        tone: 'warning',
        label: 'No trace',
        detail:
          'Not in any profile after 10 minutes: it named a person who was erased, or processing is far behind',
      };
  }
}

/** Who an entry is about, as the row shows it: the user id, else the anonymous id. */
export function whoOf(entry: SourceDebuggerEntry): string | undefined {
  return entry.userId ?? entry.anonymousId ?? undefined;
}
