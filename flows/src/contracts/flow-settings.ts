import { z } from 'zod';

/** Who may enter a flow, checked atomically when a trigger matches (Customer.io's "frequency"). */
export const EntryRuleSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('everyTime') }),
  z.object({ mode: z.literal('oncePerProfile') }),
  z.object({ mode: z.literal('oncePerInterval'), days: z.number().int().min(1).max(3650) }),
]);
export type EntryRule = z.infer<typeof EntryRuleSchema>;

/** A CDP event that means the journey reached its goal: a run waiting anywhere exits as `goalReached`. */
export const GoalSchema = z.object({
  event: z.string().min(1).max(200),
});

/** Versioned with the graph: a run keeps the settings of the version it started on. */
export const FlowSettingsSchema = z.object({
  entry: EntryRuleSchema.default({ mode: 'everyTime' }),
  goal: GoalSchema.nullable().default(null),
});
export type FlowSettings = z.infer<typeof FlowSettingsSchema>;
