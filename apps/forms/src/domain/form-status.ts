import type { FormSettings, FormStatus } from '../contracts/index.ts';

export type Availability =
  { open: true } | { open: false; reason: 'unpublished' | 'closed' | 'quota'; message: string };

/**
 * Whether the public form takes submissions now: published, before `closeAt`, under the quota.
 * The message is what the respondent reads (the 410 / 409 detail).
 */
export function availability(
  form: { published: boolean; submissionCount: number },
  settings: Pick<FormSettings, 'closeAt' | 'responseQuota' | 'closedMessage'>,
  now: Date,
): Availability {
  const closedMessage = settings.closedMessage?.trim() || undefined;
  if (!form.published) {
    return {
      open: false,
      reason: 'unpublished',
      message: closedMessage ?? 'This form is not accepting responses.',
    };
  }
  if (settings.closeAt !== null && Date.parse(settings.closeAt) <= now.getTime()) {
    return {
      open: false,
      reason: 'closed',
      message: closedMessage ?? 'This form closed and no longer accepts responses.',
    };
  }
  if (settings.responseQuota !== null && form.submissionCount >= settings.responseQuota) {
    return {
      open: false,
      reason: 'quota',
      message: closedMessage ?? 'This form has received all the responses it can take.',
    };
  }
  return { open: true };
}

export function formStatus(
  form: { published: boolean; submissionCount: number },
  settings: Pick<FormSettings, 'closeAt' | 'responseQuota' | 'closedMessage'>,
  now: Date,
): FormStatus {
  const state = availability(form, settings, now);
  if (state.open) return 'published';
  return state.reason === 'unpublished' ? 'draft' : 'closed';
}

/** Spam checks that file a submission under "spam" instead of refusing it (bots are not told). */
export function spamReason(
  input: { honeypot?: string | undefined; startedAt?: string | undefined },
  settings: Pick<FormSettings, 'timeToFillSeconds'>,
  now: Date,
): 'honeypot' | 'too_fast' | null {
  if (input.honeypot !== undefined && input.honeypot.trim() !== '') return 'honeypot';
  if (settings.timeToFillSeconds !== null && input.startedAt !== undefined) {
    const elapsedMs = now.getTime() - Date.parse(input.startedAt);
    if (elapsedMs < settings.timeToFillSeconds * 1000) return 'too_fast';
  }
  return null;
}
