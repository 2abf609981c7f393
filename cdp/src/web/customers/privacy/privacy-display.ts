import type { BadgeTone } from '@orchestrator/shared/ui';
import {
  DEFAULT_CONSENT_PURPOSES,
  type ConsentSource,
  type ConsentStatus,
  type ProfileConsent,
} from '../../../contracts/index.ts';
import type { Profile } from '../customers-api.ts';

export const CONSENT_STATUS_LABELS: Record<ConsentStatus, string> = {
  granted: 'Granted',
  denied: 'Denied',
  revoked: 'Revoked',
};

export const CONSENT_STATUS_TONES: Record<ConsentStatus, BadgeTone> = {
  granted: 'success',
  denied: 'danger',
  revoked: 'warning',
};

export const CONSENT_SOURCE_LABELS: Record<ConsentSource, string> = {
  context: 'consent manager',
  traits: 'identify traits',
  api: 'set by a user',
};

/** `data_sharing` → `Data sharing`. */
export function purposeLabel(purpose: string): string {
  const words = purpose.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The standard purposes first (always shown, set or not), then any other the profile has, by name. */
export function purposesToShow(purposes: Record<string, ProfileConsent>): string[] {
  const standard: readonly string[] = DEFAULT_CONSENT_PURPOSES;
  const others = Object.keys(purposes)
    .filter((purpose) => !standard.includes(purpose))
    .sort();
  return [...standard, ...others];
}

/** The statuses an admin changed, compared with what is stored: what to send. */
export function changedConsents(
  stored: Record<string, ProfileConsent>,
  draft: Record<string, ConsentStatus>,
): Record<string, ConsentStatus> {
  return Object.fromEntries(
    Object.entries(draft).filter(([purpose, status]) => stored[purpose]?.status !== status),
  );
}

/**
 * What an admin must type to delete a customer (like GitHub's repository deletion): the identifier a
 * person would recognize — e-mail, else user id, else phone — or, for an anonymous visitor, the profile id.
 */
export function deletionConfirmationText(profile: Profile): string {
  for (const type of ['email', 'user_id', 'phone'] as const) {
    const identity = profile.identities.find((candidate) => candidate.type === type);
    if (identity) return identity.value;
  }
  return profile.id;
}
