import { z } from 'zod';
import type { OutboxMessage } from '@orchestrator/shared/bus';
import { isUuid } from '@orchestrator/shared/contracts';
import type { NormalizedMessage } from './segment-message.ts';

/**
 * The topic the profile builder publishes on for the automations engine (issue 3, item 11): every
 * processed message with the profile it was attributed to, and profile lifecycle events. Keyed by
 * `${tenantId}:${profileId}`, so one customer's events stay in order.
 */
export const CDP_PROFILE_EVENTS_TOPIC = 'cdp.profile-events';

export const ProfileBusEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('Message Processed'),
    /** Null when the message carried no usable identifier (only blocked placeholders). */
    profileId: z.uuid().nullable(),
    sourceId: z.string(),
    receivedAt: z.string(),
    message: z.custom<NormalizedMessage>((value) => typeof value === 'object' && value !== null),
  }),
  z.object({
    type: z.literal('Profile Created'),
    profileId: z.uuid(),
    messageId: z.string(),
    timestamp: z.string(),
  }),
  z.object({
    type: z.literal('Profiles Merged'),
    profileId: z.uuid(),
    absorbedIds: z.array(z.uuid()),
    mergeIds: z.array(z.uuid()),
    rule: z.string(),
    messageId: z.string(),
    timestamp: z.string(),
  }),
  z.object({
    type: z.literal('Merge Undone'),
    profileId: z.uuid(),
    restoredId: z.uuid(),
    mergeId: z.uuid(),
  }),
  // A profile started or ended a stay in a segment (one membership row; see segments-api.ts).
  z.object({
    type: z.enum(['Segment Entered', 'Segment Exited']),
    profileId: z.uuid(),
    segmentId: z.uuid(),
    segmentName: z.string(),
    membershipId: z.uuid(),
    /** When the stay started (Entered) or ended (Exited). */
    timestamp: z.string(),
  }),
  // GDPR erasure of a person (privacy): consumers holding rows about them erase or scrub those rows.
  z.object({
    type: z.literal('Profile Deleted'),
    /** The live profile erased. */
    profileId: z.uuid(),
    /** Every profile id erased with it: the live one and those merged into it. */
    erasedIds: z.array(z.uuid()).min(1),
    timestamp: z.string(),
  }),
]);
export type ProfileBusEvent = z.infer<typeof ProfileBusEventSchema>;

/**
 * One outbox message. `message-id` is unique per effect, so a consumer can dedupe: the exactly-once
 * processing means each is enqueued once, but the relay delivers at least once.
 */
export function profileBusMessage(tenantId: string, event: ProfileBusEvent): OutboxMessage {
  const profileKey =
    event.profileId ?? `unattributed:${event.type === 'Message Processed' ? event.message.messageId : ''}`;
  return {
    topic: CDP_PROFILE_EVENTS_TOPIC,
    key: `${tenantId}:${profileKey}`,
    value: event,
    headers: { 'message-id': busMessageId(event) },
  };
}

const PROCESSED_PREFIX = 'processed:';

/**
 * What a delivered `Message Processed` event is about, read from its `message-id` header and key (see
 * profileBusMessage) without its value: the message it carries is most of its bytes, and consumers that
 * only need the profile need not parse it. `undefined` for any other event (read the value then);
 * `profileId` null for a message attributed to no profile.
 */
export function processedEventOf(delivered: {
  key: string;
  headers?: Record<string, string>;
}): { profileId: string | null; sourceMessageId: string } | undefined {
  const id = delivered.headers?.['message-id'];
  if (!id?.startsWith(PROCESSED_PREFIX)) return undefined;
  // `processed:<source id>:<message id>`: a source id has no colon, a message id may.
  const rest = id.slice(PROCESSED_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return undefined;
  // `<tenant id>:<profile id>`, or `<tenant id>:unattributed:<message id>`.
  const profileKey = delivered.key.slice(delivered.key.indexOf(':') + 1);
  return {
    profileId: isUuid(profileKey) ? profileKey.toLowerCase() : null,
    sourceMessageId: rest.slice(colon + 1),
  };
}

function busMessageId(event: ProfileBusEvent): string {
  switch (event.type) {
    case 'Message Processed':
      return `processed:${event.sourceId}:${event.message.messageId}`;
    case 'Profile Created':
      return `created:${event.profileId}`;
    case 'Profiles Merged':
      return `merged:${event.mergeIds.join(',')}`;
    case 'Merge Undone':
      return `undone:${event.mergeId}`;
    case 'Segment Entered':
      return `segment-entered:${event.membershipId}`;
    case 'Segment Exited':
      return `segment-exited:${event.membershipId}`;
    case 'Profile Deleted':
      return `deleted:${event.profileId}`;
  }
}
