import type { Answers } from '../renderer/logic.ts';
import type { FormProgress } from '../renderer/types.ts';

/** A respondent's unfinished response, kept in this browser so a reload (or a crash) resumes it. */
export interface StoredAttempt {
  /** The published version the respondent started on; the page reopens that version. */
  version: number;
  /** Made once per response and sent with every try, so a retry never creates a second submission. */
  idempotencyKey: string;
  startedAt: string;
  progress: FormProgress;
  savedAt: string;
}

const PREFIX = 'orchestrator.forms.response.';
/** Older unfinished responses are dropped. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

function key(slug: string): string {
  return `${PREFIX}${slug}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readAttempt(slug: string): StoredAttempt | undefined {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(key(slug)) ?? 'null');
    if (!isRecord(stored) || !isRecord(stored.progress) || !isRecord(stored.progress.answers))
      return undefined;
    if (typeof stored.version !== 'number' || typeof stored.idempotencyKey !== 'string') return undefined;
    if (Date.now() - Date.parse(String(stored.savedAt)) > MAX_AGE_MS) return undefined;
    const stage = stored.progress.stage === 'welcome' ? 'welcome' : 'questions';
    return {
      version: stored.version,
      idempotencyKey: stored.idempotencyKey,
      startedAt: String(stored.startedAt),
      savedAt: String(stored.savedAt),
      progress: {
        answers: stored.progress.answers as Answers,
        stage,
        stepId: typeof stored.progress.stepId === 'string' ? stored.progress.stepId : undefined,
      },
    };
  } catch {
    // Storage may be disabled (private mode, blocked third-party storage in an iframe): start afresh.
    return undefined;
  }
}

export function writeAttempt(slug: string, attempt: Omit<StoredAttempt, 'savedAt'>): void {
  try {
    localStorage.setItem(key(slug), JSON.stringify({ ...attempt, savedAt: new Date().toISOString() }));
  } catch {
    // Full or unavailable storage only costs the resume-after-reload.
  }
}

export function clearAttempt(slug: string): void {
  try {
    localStorage.removeItem(key(slug));
  } catch {
    // Nothing stored, nothing to clear.
  }
}

/** A random key; crypto.randomUUID needs a secure context, getRandomValues works everywhere. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
