import { z } from 'zod';

/** Segment's limits (HTTP Tracking API): a message at most 32 KB, a batch at most 500 KB. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

/** Segment lets ids be numbers; they are strings from here on. Empty strings count as absent. */
const id = z
  .union([z.string(), z.number()], { error: 'must be a string or a number' })
  .transform((value) => String(value).trim())
  .pipe(z.string().max(1024))
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const isoDate = z
  .union([z.iso.datetime({ offset: true, local: true }), z.iso.date()], {
    error: 'must be an ISO 8601 date-time, e.g. 2024-05-01T12:00:00.000Z',
  })
  .optional();

/** A required id (`groupId`, `previousId`): a non-empty string, or a number taken as a string. */
const requiredId = z.union([z.string().trim().min(1).max(1024), z.number().transform(String)], {
  error: (issue) =>
    issue.input === undefined || issue.input === '' ? 'is required' : 'must be a string or a number',
});
const record = z.record(z.string(), z.unknown(), { error: 'must be an object' });

const common = {
  messageId: z.string().trim().min(1).max(256).optional(),
  anonymousId: id,
  userId: id,
  context: record.optional(),
  integrations: record.optional(),
  timestamp: isoDate,
  originalTimestamp: isoDate,
  sentAt: isoDate,
  version: z.union([z.number(), z.string()]).optional(),
};

export const TrackMessageSchema = z.object({
  ...common,
  type: z.literal('track'),
  event: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(1, 'is required')
    .max(500),
  properties: record.optional(),
});
export const IdentifyMessageSchema = z.object({
  ...common,
  type: z.literal('identify'),
  traits: record.optional(),
});
export const PageMessageSchema = z.object({
  ...common,
  type: z.literal('page'),
  name: z.string().max(500).optional(),
  category: z.string().max(500).optional(),
  properties: record.optional(),
});
export const ScreenMessageSchema = z.object({
  ...common,
  type: z.literal('screen'),
  name: z.string().max(500).optional(),
  category: z.string().max(500).optional(),
  properties: record.optional(),
});
export const GroupMessageSchema = z.object({
  ...common,
  type: z.literal('group'),
  groupId: requiredId,
  traits: record.optional(),
});
export const AliasMessageSchema = z.object({
  ...common,
  type: z.literal('alias'),
  previousId: requiredId,
});

/** One message of Segment's spec, as received (before clock-skew correction). */
export const SegmentMessageSchema = z
  .discriminatedUnion(
    'type',
    [
      TrackMessageSchema,
      IdentifyMessageSchema,
      PageMessageSchema,
      ScreenMessageSchema,
      GroupMessageSchema,
      AliasMessageSchema,
    ],
    { error: 'must be one of track, identify, page, screen, group, alias' },
  )
  .superRefine((message, ctx) => {
    if (message.type === 'alias' ? !message.userId : !message.userId && !message.anonymousId) {
      ctx.addIssue({
        code: 'custom',
        path: ['userId'],
        message: message.type === 'alias' ? 'is required' : 'userId or anonymousId is required',
      });
    }
  });
export type SegmentMessage = z.infer<typeof SegmentMessageSchema>;
export type SegmentMessageType = SegmentMessage['type'];

export const SegmentBatchSchema = z.object({
  batch: z
    .array(z.unknown(), { error: 'must be a list of messages' })
    .min(1, 'must hold at least one message')
    .max(10_000, 'may hold at most 10000 messages'),
  context: record.optional(),
  integrations: record.optional(),
  sentAt: isoDate,
});

/**
 * What travels on the bus topic `cdp.events` for every accepted message, whether it came through the
 * HTTP ingest or a module's outbox: the normalized message (always with `messageId` and a skew-corrected
 * `timestamp`) and where it came from. The tenant travels in the `tenant-id` header.
 */
export const CdpEnvelopeSchema = z.object({
  sourceId: z.string(),
  receivedAt: z.string(),
  message: z.custom<NormalizedMessage>((value) => typeof value === 'object' && value !== null),
});
export type CdpEnvelope = z.infer<typeof CdpEnvelopeSchema>;

/** A message after ingest: id and event time always present. */
export type NormalizedMessage = SegmentMessage & { messageId: string; timestamp: string };
