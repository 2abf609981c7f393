import {
  foldAsciiCase,
  usesEvents,
  windowStart,
  type EventCondition,
  type ScalarValue,
  type SegmentRule,
  type ValueOperator,
} from '../../domain/segments/index.ts';

/**
 * Compiles segment rules to SQL predicates over `cdp_profiles p`, with the semantics of the domain's
 * evaluateSegmentRule (a property test holds them together). Every value travels as a parameter; the
 * SQL text holds only constants of this file. Every predicate is true or false, never NULL, so NOT is
 * plain negation.
 */

/** Collects the parameters of one statement and hands out their placeholders. */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** The placeholder of a new parameter, cast to `type` (a constant of this module, never input). */
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

export interface CompiledSegmentRule {
  /** A boolean SQL expression over `p` (a row of cdp_profiles) and, if needsTree, `tree.ids`. */
  predicate: string;
  /** Whether the predicate counts events, which needs PROFILE_TREE_JOIN in the FROM clause. */
  needsTree: boolean;
}

/**
 * `tree.ids`: the profile and every profile merged into it, directly or through earlier merges — their
 * events are the profile's events. Joined once per profile row, shared by all its event conditions.
 */
export const PROFILE_TREE_JOIN = `CROSS JOIN LATERAL (SELECT ARRAY(
    WITH RECURSIVE branch(id) AS (
      SELECT p.id
      UNION
      SELECT c.id FROM cdp_profiles c JOIN branch ON c.merged_into = branch.id
    )
    SELECT id FROM branch) AS ids) AS tree`;

/** `cdp_profiles p`, with the tree join when one of the compiled rules needs it. */
export function profileSource(...compiled: CompiledSegmentRule[]): string {
  return compiled.some((rule) => rule.needsTree) ? `cdp_profiles p ${PROFILE_TREE_JOIN}` : 'cdp_profiles p';
}

/** The predicate of `rule` at `now` (the start of every time window is computed from it). */
export function compileSegmentRule(rule: SegmentRule, params: SqlParameters, now: Date): CompiledSegmentRule {
  return { predicate: compileNode(rule, params, now), needsTree: usesEvents(rule) };
}

function compileNode(rule: SegmentRule, params: SqlParameters, now: Date): string {
  if ('and' in rule) {
    return rule.and.length === 0
      ? 'TRUE'
      : `(${rule.and.map((child) => compileNode(child, params, now)).join(' AND ')})`;
  }
  if ('or' in rule) {
    return rule.or.length === 0
      ? 'FALSE'
      : `(${rule.or.map((child) => compileNode(child, params, now)).join(' OR ')})`;
  }
  if ('not' in rule) return `(NOT ${compileNode(rule.not, params, now)})`;
  if ('trait' in rule)
    return valuePredicate(valueAt('p.traits', rule.trait, params), rule.op, rule.value, params);
  return eventPredicate(rule, params, now);
}

/** "At least N matching events": counts no further than N. */
function eventPredicate(condition: EventCondition, params: SqlParameters, now: Date): string {
  const filters = [
    'e.tenant_id = p.tenant_id',
    'e.profile_id = ANY(tree.ids)',
    `e.event = ${params.add(condition.event, 'text')}`,
  ];
  if (condition.withinDays !== undefined) {
    filters.push(`e."timestamp" >= ${params.add(windowStart(now, condition.withinDays), 'timestamptz')}`);
  }
  for (const filter of condition.where ?? []) {
    filters.push(
      valuePredicate(valueAt('e.properties', filter.property, params), filter.op, filter.value, params),
    );
  }
  const atLeast = params.add(condition.atLeast, 'int');
  return `((SELECT count(*) FROM (SELECT 1 FROM cdp_events e WHERE ${filters.join(' AND ')} LIMIT ${atLeast}) AS counted) >= ${atLeast})`;
}

/** The jsonb at `key` of `base`: the key as written if present, else the key as a dotted path. */
function valueAt(base: string, key: string, params: SqlParameters): string {
  const exact = `(${base} -> ${params.add(key, 'text')})`;
  if (!key.includes('.')) return exact;
  const walked = key.split('.').reduce((path, part) => `(${path} -> ${params.add(part, 'text')})`, base);
  return `COALESCE(${exact}, ${walked})`;
}

const fold = (text: string) =>
  `translate(${text}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
const asText = (value: string) => `(${value} #>> '{}')`;

/**
 * The comparison of one jsonb value (SQL NULL when missing) with an operand. Casts sit behind CASE on
 * jsonb_typeof, which Postgres evaluates in order: a string is never cast to numeric.
 */
function valuePredicate(value: string, op: ValueOperator, operand: unknown, params: SqlParameters): string {
  switch (op) {
    case 'exists':
      return exists(value);
    case 'not_exists':
      return `(NOT ${exists(value)})`;
    case 'eq':
      return scalarEquals(value, operand as ScalarValue, params);
    case 'neq':
      return `(NOT ${scalarEquals(value, operand as ScalarValue, params)})`;
    case 'in':
      return oneOf(value, operand as ScalarValue[], params);
    case 'contains':
      return contains(value, operand as ScalarValue, params);
    case 'not_contains':
      return `(NOT ${contains(value, operand as ScalarValue, params)})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return ordered(value, COMPARISONS[op], operand as number | string, params);
  }
}

const COMPARISONS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function exists(value: string): string {
  return `(${value} IS NOT NULL AND jsonb_typeof(${value}) <> 'null')`;
}

function scalarEquals(value: string, operand: ScalarValue, params: SqlParameters): string {
  if (typeof operand === 'string') {
    return `(CASE WHEN jsonb_typeof(${value}) = 'string' THEN ${fold(asText(value))} = ${fold(params.add(operand, 'text'))} ELSE FALSE END)`;
  }
  if (typeof operand === 'number') {
    return `(CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::numeric = ${params.add(String(operand), 'numeric')} ELSE FALSE END)`;
  }
  return `(CASE WHEN jsonb_typeof(${value}) = 'boolean' THEN (${value})::boolean = ${params.add(String(operand), 'boolean')} ELSE FALSE END)`;
}

function oneOf(value: string, operands: readonly ScalarValue[], params: SqlParameters): string {
  const strings = operands.filter((operand): operand is string => typeof operand === 'string');
  const numbers = operands.filter((operand): operand is number => typeof operand === 'number');
  const booleans = operands.filter((operand): operand is boolean => typeof operand === 'boolean');
  const branches: string[] = [];
  if (strings.length) {
    // Folded here with the same function the evaluator uses (ASCII letters only), so SQL folds one side.
    branches.push(
      `WHEN 'string' THEN ${fold(asText(value))} = ANY(${params.add(strings.map(foldAsciiCase), 'text[]')})`,
    );
  }
  if (numbers.length) {
    branches.push(
      `WHEN 'number' THEN (${value})::numeric = ANY(${params.add(numbers.map(String), 'numeric[]')})`,
    );
  }
  if (booleans.length) {
    branches.push(
      `WHEN 'boolean' THEN (${value})::boolean = ANY(${params.add(booleans.map(String), 'boolean[]')})`,
    );
  }
  return `(CASE jsonb_typeof(${value}) ${branches.join(' ')} ELSE FALSE END)`;
}

function contains(value: string, operand: ScalarValue, params: SqlParameters): string {
  const inList = `WHEN 'array' THEN EXISTS (SELECT 1 FROM jsonb_array_elements(${value}) AS element(value) WHERE ${scalarEquals('element.value', operand, params)})`;
  const inText =
    typeof operand === 'string'
      ? `WHEN 'string' THEN strpos(${fold(asText(value))}, ${fold(params.add(operand, 'text'))}) > 0 `
      : '';
  return `(CASE jsonb_typeof(${value}) ${inText}${inList} ELSE FALSE END)`;
}

function ordered(value: string, comparison: string, operand: number | string, params: SqlParameters): string {
  if (typeof operand === 'number') {
    return `(CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::numeric ${comparison} ${params.add(String(operand), 'numeric')} ELSE FALSE END)`;
  }
  return `(CASE WHEN jsonb_typeof(${value}) = 'string' THEN ${asText(value)} COLLATE "C" ${comparison} ${params.add(operand, 'text')} ELSE FALSE END)`;
}
