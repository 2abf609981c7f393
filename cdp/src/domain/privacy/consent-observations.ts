import {
  DEFAULT_CONSENT_PURPOSES,
  type ConsentSource,
  type ConsentStatus,
} from '../../contracts/privacy-api.ts';
import type { NormalizedMessage } from '../../contracts/segment-message.ts';
import { consentStatusOf, purposeOfCategory } from './consent-purposes.ts';

/** One statement about one purpose: what a message (or a user through the API) said, and when. */
export interface ConsentObservation {
  purpose: string;
  status: ConsentStatus;
  /** The message's event time, or when it was set through the API: consent is resolved in this order. */
  at: string;
  source: ConsentSource;
  /** The message that carried it; null when set through the API. */
  messageId: string | null;
}

/** More purposes than this in one message is not a consent banner; the rest is ignored. */
export const MAX_PURPOSES_PER_MESSAGE = 50;

const STATUS_RANK: Readonly<Record<ConsentStatus, number>> = { granted: 0, denied: 1, revoked: 2 };

/** Ranks statuses from the most permissive to the most restrictive (ties at one instant go restrictive). */
export function consentStatusRank(status: ConsentStatus): number {
  return STATUS_RANK[status];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** RudderStack lists consent ids as an array of ids, or (older SDKs) as an object keyed by id. */
function consentIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((id): id is string => typeof id === 'string');
  return Object.keys(asRecord(value) ?? {});
}

type Statement = [category: string, status: ConsentStatus, source: ConsentSource];

/**
 * Segment's consent object, `context.consent.categoryPreferences: {Advertising: true, …}`. An empty
 * object means the person consented to nothing (Segment sets every category to false then): here, the
 * standard purposes are denied. A missing object says nothing.
 */
function contextStatements(context: Record<string, unknown> | undefined): Statement[] {
  const statements: Statement[] = [];
  const preferences = asRecord(asRecord(context?.consent)?.categoryPreferences);
  if (preferences !== undefined && Object.keys(preferences).length === 0) {
    for (const purpose of DEFAULT_CONSENT_PURPOSES) statements.push([purpose, 'denied', 'context']);
  }
  for (const [category, value] of Object.entries(preferences ?? {})) {
    const status = consentStatusOf(value);
    if (status) statements.push([category, status, 'context']);
  }
  // RudderStack's consent management: the ids of allowed and of denied categories.
  const rudder = asRecord(context?.consentManagement);
  for (const id of consentIds(rudder?.allowedConsentIds)) statements.push([id, 'granted', 'context']);
  for (const id of consentIds(rudder?.deniedConsentIds)) statements.push([id, 'denied', 'context']);
  return statements;
}

/**
 * An identify call's `traits.consent`: `{marketing: true, analytics: 'denied'}`, or Segment's shape
 * `{categoryPreferences: {…}}` nested in it. `context.traits` is NOT read: analytics.js stamps the
 * cached traits of an old identify on every event, which would make an old answer look new.
 */
function traitStatements(message: NormalizedMessage): Statement[] {
  if (message.type !== 'identify') return [];
  const consent = asRecord(asRecord(message.traits)?.consent);
  const preferences = asRecord(consent?.categoryPreferences) ?? consent;
  const statements: Statement[] = [];
  for (const [category, value] of Object.entries(preferences ?? {})) {
    const status = consentStatusOf(value);
    if (status) statements.push([category, status, 'traits']);
  }
  return statements;
}

/**
 * The consent a message states, one observation per purpose, all at the message's event time.
 * Two categories of one message that map onto the same purpose and disagree resolve to the more
 * restrictive answer. Purposes are capped (sorted, the first MAX_PURPOSES_PER_MESSAGE kept).
 */
export function consentObservationsOf(message: NormalizedMessage): ConsentObservation[] {
  const byPurpose = new Map<string, ConsentObservation>();
  const statements = [...contextStatements(asRecord(message.context)), ...traitStatements(message)];
  for (const [category, status, source] of statements) {
    const purpose = purposeOfCategory(category);
    if (purpose === undefined) continue;
    const known = byPurpose.get(purpose);
    if (known && consentStatusRank(known.status) >= consentStatusRank(status)) continue;
    byPurpose.set(purpose, { purpose, status, at: message.timestamp, source, messageId: message.messageId });
  }
  return [...byPurpose.values()]
    .sort((a, b) => (a.purpose < b.purpose ? -1 : a.purpose > b.purpose ? 1 : 0))
    .slice(0, MAX_PURPOSES_PER_MESSAGE);
}
