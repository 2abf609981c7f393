import type { NormalizedMessage } from '../../contracts/index.ts';

/** A message field that has its own column in `cdp_events`; every other field goes to `extra`. */
const COLUMN_FIELDS = new Set([
  'type',
  'messageId',
  'event',
  'userId',
  'anonymousId',
  'properties',
  'traits',
  'context',
  'timestamp',
]);

/** The columns of one `cdp_events` row that hold the message itself. */
export interface StoredMessageColumns {
  type: string;
  message_id: string;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  properties: Record<string, unknown> | null;
  traits: Record<string, unknown> | null;
  context: Record<string, unknown> | null;
  extra: Record<string, unknown>;
  timestamp: Date;
}

type Fields = Record<string, unknown>;

/**
 * Splits a message into the event row's columns. `event` also carries a page or screen name, for the
 * timeline; `extra` keeps that name (and every other field) so the message can be rebuilt exactly.
 */
export function toStoredColumns(message: NormalizedMessage): Omit<StoredMessageColumns, 'timestamp'> {
  const fields = message as unknown as Fields;
  const extra: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!COLUMN_FIELDS.has(key) && value !== undefined) extra[key] = value;
  }
  const label = message.type === 'track' ? message.event : (fields.name as string | undefined);
  return {
    type: message.type,
    message_id: message.messageId,
    event: label ?? null,
    user_id: message.userId ?? null,
    anonymous_id: message.anonymousId ?? null,
    properties: (fields.properties as Fields | undefined) ?? null,
    traits: (fields.traits as Fields | undefined) ?? null,
    context: message.context ?? null,
    extra,
  };
}

/** Rebuilds the message an event row was stored from (used to recompute profiles from their events). */
export function toNormalizedMessage(row: StoredMessageColumns): NormalizedMessage {
  const message: Fields = { ...row.extra, type: row.type, messageId: row.message_id };
  if (row.type === 'track') message.event = row.event;
  if (row.user_id !== null) message.userId = row.user_id;
  if (row.anonymous_id !== null) message.anonymousId = row.anonymous_id;
  if (row.properties !== null) message.properties = row.properties;
  if (row.traits !== null) message.traits = row.traits;
  if (row.context !== null) message.context = row.context;
  message.timestamp = row.timestamp.toISOString();
  return message as unknown as NormalizedMessage;
}

/**
 * One spelling per instant (UTC, milliseconds, `Z`), the one a `timestamptz` reads back as. Live
 * processing and recomputation from stored events then see identical text, so tie-breaks between equal
 * instants cannot differ. A time without an offset is UTC, never the server's local time.
 */
export function canonicalTimestamp(text: string): string | undefined {
  const trimmed = text.trim();
  const hasZone = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(trimmed);
  const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  const millis = Date.parse(hasZone || isDateOnly ? trimmed : `${trimmed}Z`);
  if (Number.isNaN(millis)) return undefined;
  const date = new Date(millis);
  // Postgres accepts years 4713 BC – 294276 AD; keep to what both sides can round-trip.
  return date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999 ? date.toISOString() : undefined;
}
