import type { OutboxMessage } from '@orchestrator/shared/bus';
import type { NormalizedMessage } from '../../contracts/index.ts';
import { profileBusMessage, type ProfileBusEvent } from '../../contracts/profile-bus-events.ts';
import type { PreparedMessage } from './batch-message.ts';

/*
 * The events processing announces to the automations (issue 3, item 11), in the order the batch's
 * messages produced them, through the outbox: they leave only if the batch commits.
 */

/** Every processed message, attributed to a profile or to no one (null). */
export function messageProcessed(prepared: PreparedMessage, profileId: string | null): ProfileBusEvent {
  return {
    type: 'Message Processed',
    profileId,
    sourceId: prepared.sourceId,
    receivedAt: prepared.receivedAt,
    message: prepared.message,
  };
}

export function profileCreated(profileId: string, message: NormalizedMessage): ProfileBusEvent {
  return { type: 'Profile Created', profileId, ...messageRef(message) };
}

export function profilesMerged(
  survivorId: string,
  merge: { absorbedIds: string[]; mergeIds: string[]; rule: string },
  message: NormalizedMessage,
): ProfileBusEvent {
  return { type: 'Profiles Merged', profileId: survivorId, ...merge, ...messageRef(message) };
}

/** The batch's events as outbox messages (written by the batch's own statement: writeBatchRows). */
export function processingOutboxMessages(
  tenantId: string,
  events: readonly ProfileBusEvent[],
): OutboxMessage[] {
  return events.map((event) => profileBusMessage(tenantId, event));
}

function messageRef(message: NormalizedMessage): { messageId: string; timestamp: string } {
  return { messageId: message.messageId, timestamp: message.timestamp };
}
