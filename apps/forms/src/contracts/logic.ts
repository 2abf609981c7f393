import { z } from 'zod';
import { FieldIdSchema } from './fields.ts';

/**
 * Logic: rules attached to a field, evaluated against that field's answer once the respondent leaves it.
 * The first rule of a field whose conditions match wins; its action jumps FORWARD to a later field or to
 * the end of the form. Backward and self jumps are refused when the form is saved (422 naming the rule).
 * The server re-runs the logic on every submission and validates only the fields on the visited path.
 *
 * Operators, by answer type:
 * - is / is_not: equality (strings compare case-insensitively, trimmed); for arrays (multiple choice):
 *   the array includes / does not include the value
 * - contains / not_contains: substring (case-insensitive) for strings; membership for arrays
 * - eq / neq / gt / gte / lt / lte: numeric comparison (numbers, ratings, scales); for dates, chronological
 * - is_empty / is_not_empty: no answer (absent, "", []) / any answer; they take no value
 */
export const CONDITION_OPERATORS = [
  'is',
  'is_not',
  'contains',
  'not_contains',
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_empty',
  'is_not_empty',
] as const;
export const ConditionOperatorSchema = z.enum(CONDITION_OPERATORS);
export type ConditionOperator = z.infer<typeof ConditionOperatorSchema>;

export const ConditionValueSchema = z.union([z.string().max(1000), z.number(), z.boolean()]);
export type ConditionValue = z.infer<typeof ConditionValueSchema>;

export const LogicConditionSchema = z.object({
  operator: ConditionOperatorSchema,
  /** Compared with the answer; omitted for is_empty / is_not_empty. */
  value: ConditionValueSchema.optional(),
});
export type LogicCondition = z.infer<typeof LogicConditionSchema>;

/** Where a jump goes: a later field's id, or `end` (submit now). */
export const JUMP_TO_END = 'end';
export const LogicActionSchema = z.object({
  type: z.literal('jump'),
  to: z.union([z.literal(JUMP_TO_END), FieldIdSchema]),
});
export type LogicAction = z.infer<typeof LogicActionSchema>;

export const LogicRuleSchema = z.object({
  /** Stable id of the rule (named in validation errors). */
  id: z.string().min(1).max(64),
  /** The field whose answer the conditions test; the jump happens after it. */
  fieldId: FieldIdSchema,
  /** `all` (default): every condition must hold; `any`: one is enough. */
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(LogicConditionSchema).min(1, 'needs at least one condition').max(20),
  action: LogicActionSchema,
});
export type LogicRule = z.infer<typeof LogicRuleSchema>;
export type LogicRuleInput = z.input<typeof LogicRuleSchema>;

export const LogicSchema = z.array(LogicRuleSchema).max(500);
export type Logic = z.infer<typeof LogicSchema>;
