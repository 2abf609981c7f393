import { z } from 'zod';
import { TraitStrategySchema } from '../domain/trait-strategies.ts';

export { TraitStrategySchema } from '../domain/trait-strategies.ts';
export type { TraitStrategy } from '../domain/trait-strategies.ts';

/** What kind of value a trait holds (how the Customers pages show it). */
export const TraitTypeSchema = z.enum(['text', 'number', 'boolean', 'date', 'list']);
export type TraitType = z.infer<typeof TraitTypeSchema>;

/** A workspace's definition of one trait: its label, its kind of value and how merges resolve it. */
export const TraitDefinitionSchema = z.object({
  key: z.string().trim().min(1, 'is required').max(200),
  label: z.string().trim().min(1, 'is required').max(200),
  /** Optional in a request (older clients): a trait defined without one holds text. */
  type: TraitTypeSchema.default('text'),
  strategy: TraitStrategySchema,
});
export type TraitDefinition = z.infer<typeof TraitDefinitionSchema>;
export type TraitDefinitionInput = z.input<typeof TraitDefinitionSchema>;

/** `GET` and `PUT /api/v1/cdp/trait-definitions`: the whole set, one definition per key. */
export const TraitDefinitionListSchema = z.object({
  items: z
    .array(TraitDefinitionSchema)
    .max(500)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.key))
          ctx.addIssue({ code: 'custom', path: [index, 'key'], message: 'repeats a key' });
        seen.add(item.key);
      });
    }),
});
export type TraitDefinitionList = z.infer<typeof TraitDefinitionListSchema>;
