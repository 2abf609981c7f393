import { measureRule } from '../../domain/segments/segment-rule.ts';
import {
  SEGMENT_RULE_LIMITS,
  type EventCondition,
  type PropertyCondition,
  type ScalarValue,
  type SegmentRule,
  type ValueOperator,
} from '../../contracts/index.ts';

/**
 * The rule editor's model: a tree of groups and conditions as the user types them (every value still
 * text), with stable ids for React keys and labels. `toRule` turns it into the API's rule language, or
 * says which field of which node is not complete yet.
 */
export type ValueType = 'text' | 'number' | 'boolean';

interface DraftBase {
  id: string;
  /** Shown as "Not" in front of the node: the rule wraps it in {not: …}. */
  negated: boolean;
}

export interface DraftGroup extends DraftBase {
  kind: 'group';
  combinator: 'and' | 'or';
  children: DraftNode[];
}

export interface DraftTrait extends DraftBase {
  kind: 'trait';
  trait: string;
  op: ValueOperator;
  valueType: ValueType;
  /** For `in`: values separated by commas. */
  value: string;
}

export interface DraftEvent extends DraftBase {
  kind: 'event';
  event: string;
  atLeast: string;
  /** Empty: all time. */
  withinDays: string;
  /** Property filters are kept as they are (the API edits them; the editor shows how many). */
  where: PropertyCondition[];
}

export type DraftNode = DraftGroup | DraftTrait | DraftEvent;

export const OPERATOR_LABELS: Record<ValueOperator, string> = {
  eq: 'is',
  neq: 'is not',
  contains: 'contains',
  not_contains: 'does not contain',
  gt: 'is greater than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  exists: 'is set',
  not_exists: 'is not set',
  in: 'is one of',
};

export const VALUE_TYPE_LABELS: Record<ValueType, string> = {
  text: 'Text',
  number: 'Number',
  boolean: 'Yes / no',
};

/** Operators that take no value. */
export function takesValue(op: ValueOperator): boolean {
  return op !== 'exists' && op !== 'not_exists';
}

let nextId = 0;
export const newId = (): string => `node-${++nextId}`;

export function emptyGroup(combinator: 'and' | 'or' = 'and'): DraftGroup {
  return { kind: 'group', id: newId(), negated: false, combinator, children: [] };
}

export function emptyTrait(): DraftTrait {
  return { kind: 'trait', id: newId(), negated: false, trait: '', op: 'eq', valueType: 'text', value: '' };
}

export function emptyEvent(): DraftEvent {
  return { kind: 'event', id: newId(), negated: false, event: '', atLeast: '1', withinDays: '30', where: [] };
}

/** The editor's tree for a stored rule; the root is always a group. */
export function draftFromRule(rule: SegmentRule): DraftGroup {
  const node = toDraft(rule, false);
  if (node.kind === 'group' && !node.negated) return node;
  return { ...emptyGroup(), children: [node] };
}

function toDraft(rule: SegmentRule, negated: boolean): DraftNode {
  if ('not' in rule) return toDraft(rule.not, !negated);
  if ('and' in rule || 'or' in rule) {
    const combinator = 'and' in rule ? 'and' : 'or';
    const children = 'and' in rule ? rule.and : rule.or;
    return {
      kind: 'group',
      id: newId(),
      negated,
      combinator,
      children: children.map((child) => toDraft(child, false)),
    };
  }
  if ('trait' in rule) {
    const values = rule.value === undefined ? [] : Array.isArray(rule.value) ? rule.value : [rule.value];
    return {
      kind: 'trait',
      id: newId(),
      negated,
      trait: rule.trait,
      op: rule.op,
      valueType:
        typeof values[0] === 'number' ? 'number' : typeof values[0] === 'boolean' ? 'boolean' : 'text',
      value: values.map(String).join(', '),
    };
  }
  return eventDraft(rule, negated);
}

function eventDraft(rule: EventCondition, negated: boolean): DraftEvent {
  return {
    kind: 'event',
    id: newId(),
    negated,
    event: rule.event,
    atLeast: String(rule.atLeast),
    withinDays: rule.withinDays === undefined ? '' : String(rule.withinDays),
    where: rule.where ?? [],
  };
}

export interface DraftResult {
  /** The rule, when every node is complete. */
  rule?: SegmentRule;
  /** What is missing or wrong, by node id. */
  problems: Map<string, string>;
}

export function toRule(root: DraftGroup): DraftResult {
  const problems = new Map<string, string>();
  const rule = convert(root, problems);
  const { depth, nodes } = measureRule(rule);
  if (nodes > SEGMENT_RULE_LIMITS.maxNodes) {
    problems.set(root.id, `A segment can have at most ${SEGMENT_RULE_LIMITS.maxNodes} conditions and groups`);
  } else if (depth > SEGMENT_RULE_LIMITS.maxDepth) {
    problems.set(root.id, `Groups and “not” can nest at most ${SEGMENT_RULE_LIMITS.maxDepth} levels deep`);
  }
  return problems.size === 0 ? { rule, problems } : { problems };
}

function convert(node: DraftNode, problems: Map<string, string>): SegmentRule {
  const rule = convertPlain(node, problems);
  return node.negated ? { not: rule } : rule;
}

function convertPlain(node: DraftNode, problems: Map<string, string>): SegmentRule {
  if (node.kind === 'group') {
    const children = node.children.map((child) => convert(child, problems));
    return node.combinator === 'and' ? { and: children } : { or: children };
  }
  if (node.kind === 'event') {
    const atLeast = wholeNumber(node.atLeast, 1, SEGMENT_RULE_LIMITS.maxAtLeast);
    const withinDays =
      node.withinDays.trim() === ''
        ? undefined
        : wholeNumber(node.withinDays, 1, SEGMENT_RULE_LIMITS.maxWithinDays);
    if (!node.event.trim()) problems.set(node.id, 'Enter the name of an event');
    else if (atLeast === null) problems.set(node.id, 'Enter how many times, a whole number of at least 1');
    else if (withinDays === null) {
      problems.set(
        node.id,
        `Enter a number of days from 1 to ${SEGMENT_RULE_LIMITS.maxWithinDays}, or leave it empty for all time`,
      );
    }
    return {
      event: node.event.trim(),
      atLeast: atLeast ?? 1,
      ...(withinDays ? { withinDays } : {}),
      ...(node.where.length ? { where: node.where } : {}),
    };
  }
  if (!node.trait) problems.set(node.id, 'Enter a trait');
  if (!takesValue(node.op)) return { trait: node.trait, op: node.op };
  const texts =
    node.op === 'in'
      ? node.value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : [node.value];
  const values = texts.map((text) => parseValue(text, node.valueType));
  if (node.op === 'in' && texts.length === 0)
    problems.set(node.id, 'Enter one or more values, separated by commas');
  else if (values.some((value) => value === undefined)) {
    problems.set(node.id, node.valueType === 'number' ? 'Enter a number' : 'Choose yes or no');
  } else if (node.valueType === 'boolean' && ['gt', 'gte', 'lt', 'lte'].includes(node.op)) {
    problems.set(node.id, 'Yes / no values cannot be compared as greater or less');
  }
  const defined = values.filter((value): value is ScalarValue => value !== undefined);
  return { trait: node.trait, op: node.op, value: node.op === 'in' ? defined : (defined[0] ?? '') };
}

function parseValue(text: string, type: ValueType): ScalarValue | undefined {
  if (type === 'text') return text;
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  const number = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(number) ? number : undefined;
}

function wholeNumber(text: string, min: number, max: number): number | null {
  const number = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(number) && number >= min && number <= max ? number : null;
}

/** The tree with `id` replaced by `change(node)` (or removed, when change returns null). */
export function updateNode(
  root: DraftGroup,
  id: string,
  change: (node: DraftNode) => DraftNode | null,
): DraftGroup {
  const visit = (node: DraftNode): DraftNode | null => {
    if (node.id === id) return change(node);
    if (node.kind !== 'group') return node;
    return {
      ...node,
      children: node.children.map(visit).filter((child): child is DraftNode => child !== null),
    };
  };
  return (visit(root) as DraftGroup | null) ?? emptyGroup();
}

/** Whether a group at `depth` (the root is 1) may hold another group, with room left for a “not”. */
export function canNestGroup(depth: number): boolean {
  return depth < SEGMENT_RULE_LIMITS.maxDepth - 2;
}
