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
