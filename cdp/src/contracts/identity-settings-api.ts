import { z } from 'zod';
import { IdentityTypeSchema } from './profiles-api.ts';

/** One value of a workspace's own block list, on top of the built-in placeholders. */
export const BlockedIdentifierSchema = z.object({
  /** An identity type, or '*' for a value blocked whatever its type. */
  type: z.union([z.literal('*'), IdentityTypeSchema]),
  value: z.string().trim().min(1, 'is required').max(1024).toLowerCase(),
});
export type BlockedIdentifier = z.infer<typeof BlockedIdentifierSchema>;

/** `GET|PUT /api/v1/cdp/blocked-identifiers`: the whole list, replaced at once. */
export const BlockedIdentifierListSchema = z.object({
  items: z
    .array(BlockedIdentifierSchema)
    .max(1000)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        const key = `${item.type}:${item.value}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: 'is listed twice' });
        seen.add(key);
      });
    }),
});
