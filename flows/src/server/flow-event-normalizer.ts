import { z } from 'zod';
import { busPositionOf, TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import type { DeliveredMessage } from '@orchestrator/shared/ports';
import { ProfileBusEventSchema, type ProfileBusEvent } from '@orchestrator/cdp/contracts';
import type { FlowEvent } from '../contracts/index.ts';

/** A bus event as the trigger consumer works with it. */
export interface NormalizedBusEvent {
  tenantId: string;
  event: FlowEvent;
  /** For `Profiles Merged`: the ids now pointing at `event.profileId`. */
  absorbedIds: string[];
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The name flows give a processed Segment message (see FlowEventSchema); undefined: not a flow event. */
function processedEventName(message: { type: string; event?: string }): string | undefined {
  switch (message.type) {
    case 'track':
      return message.event;
    case 'page':
      return 'Page Viewed';
    case 'screen':
      return 'Screen Viewed';
    case 'identify':
      return 'Identified';
    default:
      return undefined;
  }
}

function flowEventOf(busId: string, event: ProfileBusEvent): FlowEvent | undefined {
  switch (event.type) {
    case 'Message Processed': {
      const message = event.message as unknown as Record<string, unknown> & {
        type: string;
        messageId: string;
      };
      const name = processedEventName(message as { type: string; event?: string });
      if (!name) return undefined;
      const properties =
        message.type === 'identify'
          ? record(message.traits)
          : message.type === 'page' || message.type === 'screen'
            ? { ...(message.name ? { name: message.name } : {}), ...record(message.properties) }
            : record(message.properties);
      return {
        id: busId,
        event: name,
        profileId: event.profileId,
        messageId: message.messageId,
        timestamp: typeof message.timestamp === 'string' ? message.timestamp : event.receivedAt,
        properties,
        context: record(message.context),
      };
    }
    case 'Profile Created':
      return {
        id: busId,
        event: event.type,
        profileId: event.profileId,
        messageId: event.messageId,
        timestamp: event.timestamp,
        properties: {},
        context: {},
      };
    case 'Profiles Merged':
      return {
        id: busId,
        event: event.type,
        profileId: event.profileId,
        messageId: event.messageId,
        timestamp: event.timestamp,
        properties: { absorbedIds: event.absorbedIds, rule: event.rule },
        context: {},
      };
    case 'Segment Entered':
    case 'Segment Exited':
      return {
        id: busId,
        event: event.type,
        profileId: event.profileId,
        messageId: event.membershipId,
        timestamp: event.timestamp,
        properties: { segmentId: event.segmentId, segmentName: event.segmentName },
        context: {},
      };
    case 'Merge Undone':
      return undefined;
  }
}

/**
 * One `cdp.profile-events` message as a FlowEvent of its tenant, or undefined for what flows ignore
 * (undone merges, group and alias messages, malformed messages). The bus `message-id` header is the
 * event's id (unique per effect), the dedupe key of the runs it triggers.
 */
export function normalizeBusEvent(delivered: DeliveredMessage): NormalizedBusEvent | undefined {
  const tenant = z.uuid().safeParse(delivered.headers?.[TENANT_ID_HEADER]);
  const parsed = ProfileBusEventSchema.safeParse(delivered.value);
  if (!tenant.success || !parsed.success) return undefined;
  const busId = delivered.headers?.['message-id'] ?? busPositionOf(delivered);
  const event = flowEventOf(busId, parsed.data);
  if (!event) return undefined;
  return {
    tenantId: tenant.data,
    event,
    absorbedIds: parsed.data.type === 'Profiles Merged' ? parsed.data.absorbedIds : [],
  };
}
