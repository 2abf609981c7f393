import { describe, expect, it } from 'vitest';
import type { LogicCondition } from '../contracts/index.ts';
import { evaluateCondition, validateLogic, visitedPath } from './logic.ts';
import { contactForm, definition } from './test-fixtures.ts';

const holds = (operator: LogicCondition['operator'], answer: unknown, value?: string | number | boolean) =>
  evaluateCondition({ operator, ...(value !== undefined ? { value } : {}) }, answer);

describe('evaluateCondition', () => {
  it('compares texts case-insensitively, and lists by membership', () => {
    expect(holds('is', 'Support ', 'support')).toBe(true);
    expect(holds('is_not', 'Sales', 'support')).toBe(true);
    expect(holds('is', ['A', 'B'], 'b')).toBe(true);
    expect(holds('is_not', ['A', 'B'], 'c')).toBe(true);
    expect(holds('contains', 'I need a refund', 'REFUND')).toBe(true);
    expect(holds('not_contains', 'all good', 'refund')).toBe(true);
    expect(holds('contains', ['Red', 'Blue'], 'blue')).toBe(true);
  });

  it('compares numbers and dates by value', () => {
    expect(holds('gt', 5, 3)).toBe(true);
    expect(holds('gte', 3, '3')).toBe(true);
    expect(holds('lt', 2, 3)).toBe(true);
    expect(holds('lte', 4, 3)).toBe(false);
    expect(holds('eq', 4, 4)).toBe(true);
    expect(holds('neq', 4, 5)).toBe(true);
    expect(holds('gt', '2024-06-02', '2024-06-01')).toBe(true);
    expect(holds('gt', 'abc', 3)).toBe(false);
  });

  it('matches booleans with yes/no/true/false', () => {
    expect(holds('is', true, 'yes')).toBe(true);
    expect(holds('is', false, true)).toBe(false);
    expect(holds('is_not', false, true)).toBe(true);
  });

  it('treats missing, blank and empty lists as empty', () => {
    for (const empty of [undefined, null, '', '  ', []]) {
      expect(holds('is_empty', empty)).toBe(true);
      expect(holds('is_not_empty', empty)).toBe(false);
      expect(holds('is', empty, 'x')).toBe(false);
      expect(holds('gt', empty, 1)).toBe(false);
    }
    expect(holds('is_not_empty', 0)).toBe(true);
    expect(holds('is_not_empty', false)).toBe(true);
  });
});

describe('visitedPath', () => {
  const form = contactForm();
  it('walks every field when no rule matches, stopping at the thank-you screen', () => {
    expect(visitedPath(form.fields, form.logic, {})).toEqual([
      'welcome',
      'name',
      'email',
      'topic',
      'budget',
      'issue',
      'rating',
      'thanks',
    ]);
  });

  it('jumps forward over skipped fields', () => {
    expect(visitedPath(form.fields, form.logic, { topic: 'Support' })).toEqual([
      'welcome',
      'name',
      'email',
      'topic',
      'issue',
      'rating',
      'thanks',
    ]);
    expect(visitedPath(form.fields, form.logic, { topic: 'Sales', budget: 10 })).toEqual([
      'welcome',
      'name',
      'email',
      'topic',
      'budget',
      'rating',
      'thanks',
    ]);
  });

  it('ends at a jump to "end"; the first matching rule of a field wins', () => {
    const withEnd = definition({
      fields: [
        { id: 'a', kind: 'yes_no', title: 'A' },
        { id: 'b', kind: 'short_text', title: 'B' },
        { id: 'c', kind: 'short_text', title: 'C' },
      ],
      logic: [
        {
          id: 'r1',
          fieldId: 'a',
          conditions: [{ operator: 'is', value: true }],
          action: { type: 'jump', to: 'end' },
        },
        {
          id: 'r2',
          fieldId: 'a',
          conditions: [{ operator: 'is_not_empty' }],
          action: { type: 'jump', to: 'c' },
        },
      ],
    });
    expect(visitedPath(withEnd.fields, withEnd.logic, { a: true })).toEqual(['a']);
    expect(visitedPath(withEnd.fields, withEnd.logic, { a: false })).toEqual(['a', 'c']);
  });

  it('ignores backward and self jumps, so even unvalidated logic cannot loop', () => {
    const looping = definition({
      fields: [
        { id: 'a', kind: 'short_text', title: 'A' },
        { id: 'b', kind: 'short_text', title: 'B' },
      ],
      logic: [
        {
          id: 'back',
          fieldId: 'b',
          conditions: [{ operator: 'is_empty' }],
          action: { type: 'jump', to: 'a' },
        },
        {
          id: 'self',
          fieldId: 'a',
          conditions: [{ operator: 'is_empty' }],
          action: { type: 'jump', to: 'a' },
        },
      ],
    });
    expect(visitedPath(looping.fields, looping.logic, {})).toEqual(['a', 'b']);
  });
});

describe('validateLogic', () => {
  const fields = definition({
    fields: [
      { id: 'a', kind: 'short_text', title: 'First' },
      { id: 'b', kind: 'number', title: 'Second' },
      { id: 'c', kind: 'short_text', title: '' },
    ],
  }).fields;

  it('accepts forward jumps and jumps to the end', () => {
    expect(
      validateLogic(fields, [
        {
          id: 'r1',
          fieldId: 'a',
          match: 'all',
          conditions: [{ operator: 'is', value: 'x' }],
          action: { type: 'jump', to: 'c' },
        },
        {
          id: 'r2',
          fieldId: 'b',
          match: 'any',
          conditions: [{ operator: 'gt', value: 3 }],
          action: { type: 'jump', to: 'end' },
        },
      ]),
    ).toEqual([]);
  });

  it('refuses backward and self jumps, naming the rule and the fields', () => {
    expect(
      validateLogic(fields, [
        {
          id: 'ok',
          fieldId: 'a',
          match: 'all',
          conditions: [{ operator: 'is_empty' }],
          action: { type: 'jump', to: 'b' },
        },
        {
          id: 'back',
          fieldId: 'c',
          match: 'all',
          conditions: [{ operator: 'is_empty' }],
          action: { type: 'jump', to: 'a' },
        },
        {
          id: 'self',
          fieldId: 'b',
          match: 'all',
          conditions: [{ operator: 'is_empty' }],
          action: { type: 'jump', to: 'b' },
        },
      ]),
    ).toEqual([
      {
        field: 'logic.1.action.to',
        message: 'rule "back" jumps backwards from field c to "First"; jumps may only go forward',
      },
      {
        field: 'logic.2.action.to',
        message: 'rule "self" jumps from "Second" to itself; jumps may only go forward',
      },
    ]);
  });

  it('refuses unknown fields, missing values, non-numeric comparisons and duplicate ids', () => {
    const errors = validateLogic(fields, [
      {
        id: 'r',
        fieldId: 'zzz',
        match: 'all',
        conditions: [{ operator: 'is_empty' }],
        action: { type: 'jump', to: 'end' },
      },
      {
        id: 'r',
        fieldId: 'a',
        match: 'all',
        conditions: [{ operator: 'is' }],
        action: { type: 'jump', to: 'nope' },
      },
      {
        id: 'r3',
        fieldId: 'b',
        match: 'all',
        conditions: [{ operator: 'gt', value: 'many' }],
        action: { type: 'jump', to: 'c' },
      },
    ]);
    expect(errors.map((error) => error.field)).toEqual([
      'logic.0.fieldId',
      'logic.1.id',
      'logic.1.conditions.0.value',
      'logic.1.action.to',
      'logic.2.conditions.0.value',
    ]);
  });
});
