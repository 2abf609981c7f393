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

/**
 * Segment's three per-type identity rules, as a workspace sets them (`GET|PUT /api/v1/cdp/identity-rules`;
 * blocked values are the list above). They apply to messages processed from the moment they are saved.
 */
export const IdentityRulesSchema = z
  .object({
    /** Most distinct values of a type one profile may hold (Segment: user_id 1, others 5). */
    limits: z.record(IdentityTypeSchema, z.number().int().min(1).max(100_000)),
    /**
     * Every type, highest first: when a message would break a limit, its lowest-priority identifier is
     * dropped and matching is tried again.
     */
    priority: z.array(IdentityTypeSchema),
    /** Types used to FIND profiles; the others are kept on the profile. group_id never: colleagues would merge. */
    matching: z.array(IdentityTypeSchema).min(1, 'at least one identifier must link events'),
  })
  .superRefine((rules, ctx) => {
    const ranked = new Set(rules.priority);
    if (ranked.size !== rules.priority.length || ranked.size !== IdentityTypeSchema.options.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['priority'],
        message: 'must rank every identity type exactly once',
      });
    }
    if (rules.matching.includes('group_id')) {
      ctx.addIssue({
        code: 'custom',
        path: ['matching'],
        message: 'group_id cannot link events: people of one company would merge',
      });
    }
    if (new Set(rules.matching).size !== rules.matching.length) {
      ctx.addIssue({ code: 'custom', path: ['matching'], message: 'must not repeat a type' });
    }
  });
export type IdentityRules = z.infer<typeof IdentityRulesSchema>;

/** `GET|PUT /api/v1/cdp/identity-rules`: the rules in force, and whether they are the defaults. */
export const IdentityRulesSettingsSchema = z.object({
  rules: IdentityRulesSchema,
  isDefault: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});
export type IdentityRulesSettings = z.infer<typeof IdentityRulesSettingsSchema>;
