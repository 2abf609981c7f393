import type { EntryRule } from '../contracts/index.ts';

export interface PreviousEntries {
  /** When this profile last entered this flow (any version), null if never. */
  lastEnteredAt: Date | null;
  count: number;
}

export type EntryDecision = { allowed: true } | { allowed: false; reason: string };

const DAY_MS = 86_400_000;

/** May a profile enter the flow now? The server asks inside the transaction that records the entry. */
export function entryDecision(rule: EntryRule, previous: PreviousEntries, now: Date): EntryDecision {
  switch (rule.mode) {
    case 'everyTime':
      return { allowed: true };
    case 'oncePerProfile':
      return previous.count === 0 && previous.lastEnteredAt === null
        ? { allowed: true }
        : { allowed: false, reason: 'The profile already entered this flow once.' };
    case 'oncePerInterval': {
      if (previous.lastEnteredAt === null) return { allowed: true };
      const nextAllowed = previous.lastEnteredAt.getTime() + rule.days * DAY_MS;
      return now.getTime() >= nextAllowed
        ? { allowed: true }
        : {
            allowed: false,
            reason: `The profile entered this flow less than ${rule.days} day(s) ago; it may enter again from ${new Date(nextAllowed).toISOString()}.`,
          };
    }
  }
}
