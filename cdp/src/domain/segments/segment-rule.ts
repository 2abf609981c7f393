import { z } from 'zod';

/**
 * The segment rule language (issue 3, item 8): a JSON tree of groups (`{and: [...]}`, `{or: [...]}`,
 * `{not: rule}`), trait conditions (`{trait, op, value}`) and event conditions ("did `event` at least
 * `atLeast` times in the last `withinDays` days", optionally only events whose properties match `where`).
 * An empty `and` matches everyone, an empty `or` no one.
 */
export const SEGMENT_RULE_LIMITS = {
  /** Nesting of groups and NOTs; a condition at the top is depth 1. */
  maxDepth: 8,
  /** Groups, NOTs and conditions in the whole rule. */
  maxNodes: 100,
  maxChildren: 50,
  maxInValues: 100,
  maxWhere: 10,
  maxWithinDays: 3650,
  maxAtLeast: 1_000_000,
  maxKeyLength: 200,
  maxTextLength: 1000,
} as const;

export const VALUE_OPERATORS = [
  'eq',
  'neq',
  'contains',
  'not_contains',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'not_exists',
  'in',
] as const;
export const ValueOperatorSchema = z.enum(VALUE_OPERATORS, {
  error: `must be one of ${VALUE_OPERATORS.join(', ')}`,
});
export type ValueOperator = z.infer<typeof ValueOperatorSchema>;

/** Postgres cannot store NUL in text, and unpaired surrogates have no UTF-8 form: refuse both up front. */
const storableText = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      (text) => !text.includes('\u0000') && !/\p{Cs}/u.test(text),
      'must not contain NUL or unpaired surrogate characters',
    );

export const ScalarValueSchema = z.union(
  [storableText(SEGMENT_RULE_LIMITS.maxTextLength), z.number(), z.boolean()],
  {
    error: 'must be a string, a number or true/false',
  },
);
export type ScalarValue = z.infer<typeof ScalarValueSchema>;

const ConditionValueSchema = z.union(
  [ScalarValueSchema, z.array(ScalarValueSchema).min(1).max(SEGMENT_RULE_LIMITS.maxInValues)],
  { error: 'must be a string, a number, true/false or a list of those' },
);

/** Which values an operator takes: none (exists), a list (in), an ordered value (gt…) or any scalar. */
function checkOperand(condition: { op: ValueOperator; value?: unknown }, ctx: z.RefinementCtx): void {
  const { op, value } = condition;
  const problem = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
  if (op === 'exists' || op === 'not_exists') {
    if (value !== undefined) problem(`must be left out for ${op}`);
  } else if (op === 'in') {
    if (!Array.isArray(value)) problem('must be a list of values for in');
  } else if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
    if (typeof value !== 'number' && typeof value !== 'string')
      problem(`must be a number or a string for ${op}`);
  } else if (value === undefined || Array.isArray(value)) {
    problem(`must be one string, number or true/false for ${op}`);
  }
}

const keySchema = storableText(SEGMENT_RULE_LIMITS.maxKeyLength).min(1, 'is required');

export const TraitConditionSchema = z
  .strictObject({ trait: keySchema, op: ValueOperatorSchema, value: ConditionValueSchema.optional() })
  .superRefine(checkOperand);
export type TraitCondition = z.infer<typeof TraitConditionSchema>;

/** A filter on the properties of the counted events; every filter of a condition must match. */
export const PropertyConditionSchema = z
  .strictObject({ property: keySchema, op: ValueOperatorSchema, value: ConditionValueSchema.optional() })
  .superRefine(checkOperand);
export type PropertyCondition = z.infer<typeof PropertyConditionSchema>;

export const EventConditionSchema = z.strictObject({
  /** The event name as tracked (a page or screen view counts under its page name). */
  event: storableText(500).trim().min(1, 'is required'),
  atLeast: z.number().int().min(1).max(SEGMENT_RULE_LIMITS.maxAtLeast).default(1),
  /** Only events of the last D days (from now, inclusive); all time when left out. */
  withinDays: z.number().int().min(1).max(SEGMENT_RULE_LIMITS.maxWithinDays).optional(),
  where: z.array(PropertyConditionSchema).max(SEGMENT_RULE_LIMITS.maxWhere).optional(),
});
export type EventCondition = z.infer<typeof EventConditionSchema>;

export type SegmentRule =
  { and: SegmentRule[] } | { or: SegmentRule[] } | { not: SegmentRule } | TraitCondition | EventCondition;

const SHAPE_HINT =
  'must be {and: [rules]}, {or: [rules]}, {not: rule}, a trait condition {trait, op, value} or an event condition {event, atLeast, withinDays}';

/** The five shapes of a node, with `node` as the schema of their children. */
function shapesOf(node: () => z.ZodType<SegmentRule>) {
  return {
    and: z.strictObject({
      get and() {
        return z.array(node()).max(SEGMENT_RULE_LIMITS.maxChildren);
      },
    }),
    or: z.strictObject({
      get or() {
        return z.array(node()).max(SEGMENT_RULE_LIMITS.maxChildren);
      },
    }),
    not: z.strictObject({
      get not() {
        return node();
      },
    }),
    trait: TraitConditionSchema,
    event: EventConditionSchema,
  };
}

const checkedShapes = shapesOf(() => RuleNodeSchema);
const NODE_KEYS = ['and', 'or', 'not', 'trait', 'event'] as const;

/**
 * One node, parsed as the shape its key names: a union would report the problems of every shape it is
 * not, at the node, where this reports the one real problem at its field (`and.0.op`).
 */
const RuleNodeSchema: z.ZodType<SegmentRule> = z.lazy(() =>
  z.unknown().transform((input, ctx): SegmentRule => {
    const key =
      typeof input === 'object' && input !== null && !Array.isArray(input)
        ? NODE_KEYS.find((candidate) => candidate in input)
        : undefined;
    if (key === undefined) {
      ctx.addIssue({ code: 'custom', message: SHAPE_HINT });
      return z.NEVER;
    }
    const parsed = checkedShapes[key].safeParse(input);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
    return z.NEVER;
  }),
);

/** Nesting of the raw input, checked before parsing so a hostile depth cannot exhaust the stack. */
function nestingExceeds(input: unknown, limit: number): boolean {
  if (limit < 0) return true;
  if (typeof input !== 'object' || input === null) return false;
  const values = Array.isArray(input) ? input : Object.values(input);
  return values.some((value) => nestingExceeds(value, limit - 1));
}

/** Depth (groups and NOTs) and size (every node) of a parsed rule. */
export function measureRule(rule: SegmentRule): { depth: number; nodes: number } {
  const inner = 'and' in rule ? rule.and : 'or' in rule ? rule.or : 'not' in rule ? [rule.not] : [];
  return inner
    .map(measureRule)
    .reduce(
      (total, child) => ({ depth: Math.max(total.depth, child.depth + 1), nodes: total.nodes + child.nodes }),
      { depth: 1, nodes: 1 },
    );
}

/** How the OpenAPI document describes a rule (a recursive schema would need references it cannot hold). */
export const SEGMENT_RULE_DESCRIPTION =
  'A segment rule: {and: [rule…]} | {or: [rule…]} | {not: rule} | {trait, op, value?} | {event, atLeast?, withinDays?, where?: [{property, op, value?}]}, ' +
  `op one of ${VALUE_OPERATORS.join(', ')}. At most ${SEGMENT_RULE_LIMITS.maxDepth} levels and ${SEGMENT_RULE_LIMITS.maxNodes} nodes.`;

/** A rule as the API takes it, with its depth and size limits. */
export const SegmentRuleSchema: z.ZodType<SegmentRule> = z
  .unknown()
  .meta({ description: SEGMENT_RULE_DESCRIPTION })
  .superRefine((input, ctx) => {
    // Each level of rule nests at most three JSON levels ({and: [ {…} ]}, where: [{value: [...]}]).
    if (nestingExceeds(input, SEGMENT_RULE_LIMITS.maxDepth * 3 + 4)) {
      ctx.addIssue({ code: 'custom', message: `nests deeper than ${SEGMENT_RULE_LIMITS.maxDepth} levels` });
    }
  })
  .pipe(RuleNodeSchema)
  .superRefine((rule, ctx) => {
    const { depth, nodes } = measureRule(rule);
    if (depth > SEGMENT_RULE_LIMITS.maxDepth) {
      ctx.addIssue({ code: 'custom', message: `nests deeper than ${SEGMENT_RULE_LIMITS.maxDepth} levels` });
    }
    if (nodes > SEGMENT_RULE_LIMITS.maxNodes) {
      ctx.addIssue({
        code: 'custom',
        message: `has ${nodes} conditions and groups; at most ${SEGMENT_RULE_LIMITS.maxNodes} are allowed`,
      });
    }
  });

export function isTraitCondition(rule: SegmentRule): rule is TraitCondition {
  return 'trait' in rule;
}

export function isEventCondition(rule: SegmentRule): rule is EventCondition {
  return 'event' in rule;
}
