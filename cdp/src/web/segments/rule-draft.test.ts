import { describe, expect, it } from 'vitest';
import { SegmentRuleSchema, type SegmentRule } from '../../contracts/index.ts';
import {
  draftFromRule,
  emptyEvent,
  emptyGroup,
  emptyTrait,
  toRule,
  updateNode,
  type DraftGroup,
  type DraftTrait,
} from './rule-draft.ts';

const roundTrip = (rule: SegmentRule) => toRule(draftFromRule(rule)).rule;

describe('rule drafts', () => {
  it('turns stored rules into drafts and back without changing them', () => {
    const rules: unknown[] = [
      { and: [] },
      {
        or: [
          { trait: 'plan', op: 'eq', value: 'pro' },
          { trait: 'seats', op: 'gte', value: 10 },
        ],
      },
      {
        and: [
          { trait: 'country', op: 'in', value: ['DE', 'FR'] },
          {
            not: {
              or: [
                { trait: 'vip', op: 'eq', value: true },
                { trait: 'email', op: 'exists' },
              ],
            },
          },
          {
            event: 'Order Completed',
            atLeast: 2,
            withinDays: 30,
            where: [{ property: 'total', op: 'gt', value: 5 }],
          },
          { not: { event: 'Login' } },
        ],
      },
    ];
    for (const input of rules) {
      const rule = SegmentRuleSchema.parse(input);
      expect(roundTrip(rule)).toEqual(rule);
    }
  });

  it('puts a single condition (or a negated group) at the top into a group', () => {
    expect(roundTrip({ trait: 'plan', op: 'exists' })).toEqual({ and: [{ trait: 'plan', op: 'exists' }] });
    expect(roundTrip({ not: { or: [] } })).toEqual({ and: [{ not: { or: [] } }] });
    expect(roundTrip({ not: { not: { trait: 'a', op: 'exists' } } })).toEqual({
      and: [{ trait: 'a', op: 'exists' }],
    });
  });

  it('types values as the condition says: numbers, yes/no, comma-separated lists', () => {
    const root: DraftGroup = {
      ...emptyGroup(),
      children: [
        { ...emptyTrait(), trait: 'seats', op: 'gt', valueType: 'number', value: ' 10 ' },
        { ...emptyTrait(), trait: 'vip', op: 'eq', valueType: 'boolean', value: 'true' },
        { ...emptyTrait(), trait: 'zip', op: 'in', valueType: 'text', value: '01234, 10115,,' },
        { ...emptyTrait(), trait: 'name', op: 'eq', valueType: 'text', value: ' Ann ' },
        { ...emptyEvent(), event: ' Signed Up ', atLeast: '1', withinDays: '' },
      ],
    };
    expect(toRule(root)).toEqual({
      rule: {
        and: [
          { trait: 'seats', op: 'gt', value: 10 },
          { trait: 'vip', op: 'eq', value: true },
          { trait: 'zip', op: 'in', value: ['01234', '10115'] },
          { trait: 'name', op: 'eq', value: ' Ann ' },
          { event: 'Signed Up', atLeast: 1 },
        ],
      },
      problems: new Map(),
    });
  });

  it('names what is missing, node by node, and gives no rule until it is complete', () => {
    const trait = { ...emptyTrait(), op: 'gt' as const, valueType: 'number' as const, value: 'ten' };
    const event = { ...emptyEvent(), event: 'Login', withinDays: '0' };
    const list = { ...emptyTrait(), trait: 'plan', op: 'in' as const, value: ' , ' };
    const result = toRule({ ...emptyGroup(), children: [trait, event, list] });
    expect(result.rule).toBeUndefined();
    expect(result.problems.get(trait.id)).toBe('Enter a number');
    expect(result.problems.get(event.id)).toMatch(/number of days/);
    expect(result.problems.get(list.id)).toMatch(/one or more values/);
    const noTrait = { ...emptyTrait(), value: 'x' };
    expect(toRule({ ...emptyGroup(), children: [noTrait] }).problems.get(noTrait.id)).toBe('Enter a trait');
  });

  it('refuses rules nested deeper than the API takes', () => {
    let root: DraftGroup = emptyGroup();
    for (let level = 0; level < 8; level++) root = { ...emptyGroup(), children: [root] };
    expect(toRule(root).problems.get(root.id)).toMatch(/at most 8 levels/);
  });

  it('changes and removes nodes anywhere in the tree', () => {
    const inner: DraftTrait = { ...emptyTrait(), trait: 'plan', value: 'pro' };
    const group: DraftGroup = { ...emptyGroup('or'), children: [inner, emptyEvent()] };
    const root: DraftGroup = { ...emptyGroup(), children: [group] };
    const negated = updateNode(root, inner.id, (node) => ({ ...node, negated: true }));
    expect((negated.children[0] as DraftGroup).children[0]).toMatchObject({ negated: true, trait: 'plan' });
    const removed = updateNode(root, inner.id, () => null);
    expect((removed.children[0] as DraftGroup).children).toHaveLength(1);
    expect(root.children[0]).toBe(group); // the original is untouched
  });
});
