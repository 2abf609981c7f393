import { z } from 'zod';
import { CATEGORY_COLORS, defineNodeType } from '../node-definition.ts';
import { NO_RETRY } from '../retry-backoff.ts';
import { stickyFraction } from '../sticky-hash.ts';

export const SplitVariantSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,50}$/, 'Letters, digits, - and _ only')
    .describe('The output handle id; edges refer to it'),
  label: z.string().trim().min(1).max(100),
  weight: z.number().int().min(0).max(100),
});

export const LogicSplitConfigSchema = z
  .object({ variants: z.array(SplitVariantSchema).min(2).max(10) })
  .superRefine((config, context) => {
    if (config.variants.every((variant) => variant.weight === 0)) {
      context.addIssue({
        code: 'custom',
        message: 'At least one variant needs a weight',
        path: ['variants'],
      });
    }
    const seen = new Set<string>();
    config.variants.forEach((variant, index) => {
      if (seen.has(variant.id) || variant.id === 'error' || variant.id === 'in') {
        context.addIssue({
          code: 'custom',
          message: 'Variant ids must differ',
          path: ['variants', index, 'id'],
        });
      }
      seen.add(variant.id);
    });
  });
export type LogicSplitConfig = z.infer<typeof LogicSplitConfigSchema>;

/** The variant for a key: its sticky fraction falls in the variant's share of the total weight. */
export function chooseVariant(config: LogicSplitConfig, key: string): string {
  const total = config.variants.reduce((sum, variant) => sum + variant.weight, 0);
  const point = stickyFraction(key) * total;
  let cumulative = 0;
  for (const variant of config.variants) {
    cumulative += variant.weight;
    if (point < cumulative) return variant.id;
  }
  return config.variants.findLast((variant) => variant.weight > 0)!.id;
}

export const logicSplitNode = defineNodeType<LogicSplitConfig>({
  type: 'logic.split',
  category: 'logic',
  label: 'A/B split',
  description: 'Splits runs by weight; a profile always takes the same branch of this split.',
  icon: 'automations',
  color: CATEGORY_COLORS.logic,
  configSchema: LogicSplitConfigSchema,
  defaultConfig: {
    variants: [
      { id: 'a', label: 'A', weight: 50 },
      { id: 'b', label: 'B', weight: 50 },
    ],
  },
  outputs: (config) =>
    (Array.isArray(config.variants) ? config.variants : [])
      .filter((variant) => typeof variant?.id === 'string')
      .map((variant) => ({
        id: variant.id,
        label: `${variant.label || variant.id} (${variant.weight ?? 0}%)`,
      })),
  retry: NO_RETRY,
  execute: async (context) => {
    // Runs without a profile (schedules) split by run instead.
    const subject = context.run.profileId ?? context.run.id;
    const variant = chooseVariant(context.config, `${subject}:${context.nodeId ?? context.run.flowId}`);
    return { kind: 'continue', handle: variant, output: { variant } };
  },
});
