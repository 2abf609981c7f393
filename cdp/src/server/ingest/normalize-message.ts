import { randomUUID } from 'node:crypto';
import type { NormalizedMessage, SegmentMessage } from '../../contracts/index.ts';

/** What a batch carries for all its messages; a message's own fields win over these. */
export interface BatchDefaults {
  context?: Record<string, unknown>;
  integrations?: Record<string, unknown>;
  sentAt?: string;
}

/**
 * Turns an accepted message into what travels on the bus, as Segment's API does: a `messageId` (a new
 * UUID when the client sent none), the batch's `context`/`integrations` merged under the message's own,
 * and a `timestamp` corrected for the device's clock skew. When the client says when it sent the
 * message (`sentAt`), its clock error is `sentAt - receivedAt`, so the event time becomes
 * `receivedAt - (sentAt - clientTime)`; without `sentAt` the client's time is taken as it is.
 * `originalTimestamp` keeps the time the client claimed.
 */
export function normalizeMessage(
  message: SegmentMessage,
  defaults: BatchDefaults,
  receivedAt: Date,
  newMessageId: () => string = randomUUID,
): NormalizedMessage {
  const sentAtText = message.sentAt ?? defaults.sentAt;
  const claimedText = message.timestamp ?? message.originalTimestamp;
  const sentAt = sentAtText === undefined ? undefined : parseTime(sentAtText);
  const claimed = claimedText === undefined ? undefined : parseTime(claimedText);
  const timestamp =
    sentAt !== undefined
      ? new Date(receivedAt.getTime() - (sentAt - (claimed ?? sentAt)))
      : new Date(claimed ?? receivedAt.getTime());

  const normalized: NormalizedMessage = {
    ...message,
    messageId: message.messageId ?? newMessageId(),
    timestamp: timestamp.toISOString(),
  };
  const originalTimestamp = message.originalTimestamp ?? message.timestamp;
  if (originalTimestamp !== undefined) normalized.originalTimestamp = originalTimestamp;
  if (sentAtText !== undefined) normalized.sentAt = sentAtText;
  const context = mergeUnder(defaults.context, message.context);
  if (context) normalized.context = context;
  const integrations = mergeUnder(defaults.integrations, message.integrations);
  if (integrations) normalized.integrations = integrations;
  return normalized;
}

/** Epoch milliseconds of an ISO 8601 time; a time without an offset is read as UTC, never server-local. */
export function parseTime(text: string): number {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const isDateOnly = !text.includes('T');
  return Date.parse(hasZone || isDateOnly ? text : `${text}Z`);
}

type PlainObject = Record<string, unknown>;

const isPlainObject = (value: unknown): value is PlainObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep merge where `own` wins; nested objects (e.g. `context.library`) merge key by key. */
function mergeUnder(base: PlainObject | undefined, own: PlainObject | undefined): PlainObject | undefined {
  if (!base) return own;
  if (!own) return base;
  const merged: PlainObject = { ...base };
  for (const [key, value] of Object.entries(own)) {
    const under = merged[key];
    merged[key] = isPlainObject(under) && isPlainObject(value) ? mergeUnder(under, value) : value;
  }
  return merged;
}
