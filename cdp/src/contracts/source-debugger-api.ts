import { z } from 'zod';

/** What became of an accepted message: in a profile, still on its way, or set aside by the builder. */
export const MessageOutcomeSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('processed'), profileId: z.uuid().nullable() }),
  z.object({ state: z.literal('pending') }),
  z.object({ state: z.literal('rejected'), reason: z.string() }),
]);
export type MessageOutcome = z.infer<typeof MessageOutcomeSchema>;

/**
 * One request or message a source sent, as its debugger lists it (Segment's Debugger, RudderStack's
 * Live Events): an accepted message with what became of it, or a request the ingest refused and why.
 */
export const SourceDebuggerEntrySchema = z.object({
  receivedAt: z.string(),
  status: z.enum(['accepted', 'refused']),
  /** The Tracking API call: track, identify, page, screen, group, alias or batch. */
  endpoint: z.string(),
  messageId: z.string().nullable(),
  type: z.string().nullable(),
  /** track: the event; page and screen: the name. */
  name: z.string().nullable(),
  userId: z.string().nullable(),
  anonymousId: z.string().nullable(),
  /** refused: what was wrong, and where. */
  reason: z.string().nullable(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
  /** accepted: the message as stored; refused: the body as sent (cut at 8 KB). */
  payload: z.unknown(),
  /** null for a refused request. */
  outcome: MessageOutcomeSchema.nullable(),
});
export type SourceDebuggerEntry = z.infer<typeof SourceDebuggerEntrySchema>;

export const SourceDebuggerQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const SourceDebuggerResponseSchema = z.object({
  items: z.array(SourceDebuggerEntrySchema),
  /** At most this many of a request's messages are kept, the newest; older entries go after a day. */
  sampledPerRequest: z.number().int(),
});
export type SourceDebuggerResponse = z.infer<typeof SourceDebuggerResponseSchema>;
