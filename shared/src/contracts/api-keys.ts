import { z } from 'zod';

export const ApiKeyRoleSchema = z.enum(['admin', 'member', 'viewer', 'ops']);

export const CreateApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  role: ApiKeyRoleSchema.default('member'),
});

export const ApiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: ApiKeyRoleSchema,
  prefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** The only answer that ever contains the secret key. */
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string() });

export const AuditEntrySchema = z.object({
  id: z.number(),
  action: z.string(),
  actorUserId: z.string().nullable(),
  actorApiKeyId: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntrySchema>;
