import { z } from 'zod';

export const IdentityTypeSchema = z.enum([
  'anonymous_id',
  'user_id',
  'email',
  'phone',
  'group_id',
  'external_id',
]);
export type IdentityType = z.infer<typeof IdentityTypeSchema>;

export const IdentitySchema = z.object({ type: IdentityTypeSchema, value: z.string() });

export const ProfileSchema = z.object({
  id: z.uuid(),
  traits: z.record(z.string(), z.unknown()),
  identities: z.array(IdentitySchema),
  firstSeenAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  eventCount: z.number().int(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const ProfileListQuerySchema = z.object({
  q: z.string().trim().max(500).optional(),
  segment: z.string().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * An identifier of a message that did not link it to its customer: a blocked placeholder, or one the
 * identity rules left out because linking it would break a limit (a second user id on a customer).
 */
export const UnlinkedIdentifierSchema = z.object({
  type: IdentityTypeSchema,
  value: z.string(),
  reason: z.enum(['blocked', 'limit']),
});
export type UnlinkedIdentifier = z.infer<typeof UnlinkedIdentifierSchema>;

export const ProfileEventSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  sourceId: z.string(),
  type: z.string(),
  event: z.string().nullable(),
  properties: z.record(z.string(), z.unknown()),
  traits: z.record(z.string(), z.unknown()),
  timestamp: z.string(),
  receivedAt: z.string(),
  /** The message's identifiers that did not link it (events processed before this was kept: none). */
  unlinked: z.array(UnlinkedIdentifierSchema),
});
export type ProfileEvent = z.infer<typeof ProfileEventSchema>;

export const MergeSchema = z.object({
  id: z.uuid(),
  survivorId: z.uuid(),
  absorbedId: z.uuid(),
  triggerMessageId: z.string().nullable(),
  rule: z.string(),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
});
export type Merge = z.infer<typeof MergeSchema>;
