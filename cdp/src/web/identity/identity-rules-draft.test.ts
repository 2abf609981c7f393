import { describe, expect, it } from 'vitest';
import { IdentityRulesSchema } from '../../contracts/index.ts';
import { DEFAULT_IDENTITY_RULES } from '../../domain/identity-rules.ts';
import {
  draftOf,
  isChanged,
  moveType,
  rulesFromDraft,
  setLimit,
  setMatching,
} from './identity-rules-draft.ts';

const defaults = draftOf(DEFAULT_IDENTITY_RULES);

describe('identity rules drafts', () => {
  it('gives back the rules it was made from, unchanged', () => {
    expect(rulesFromDraft(defaults)).toEqual({ rules: DEFAULT_IDENTITY_RULES, errors: {} });
    expect(isChanged(defaults, DEFAULT_IDENTITY_RULES)).toBe(false);
  });

  it('moves a type one place at a time and stays put at either end', () => {
    const once = moveType(defaults, 'phone', -1);
    const twice = moveType(once, 'phone', -1);
    expect(twice.priority).toEqual(['user_id', 'phone', 'email', 'external_id', 'anonymous_id', 'group_id']);
    expect(moveType(defaults, 'user_id', -1)).toBe(defaults);
    expect(moveType(defaults, 'group_id', 1)).toBe(defaults);
    expect(isChanged(twice, DEFAULT_IDENTITY_RULES)).toBe(true);
    expect(isChanged(moveType(once, 'phone', 1), DEFAULT_IDENTITY_RULES)).toBe(false);
  });

  it('sends rules the contract accepts, matching in priority order', () => {
    let draft = setLimit(moveType(defaults, 'phone', -1), 'user_id', ' 2 ');
    draft = setMatching(setMatching(draft, 'email', false), 'email', true);
    const { rules } = rulesFromDraft(draft);
    expect(rules?.limits.user_id).toBe(2);
    expect(rules?.matching).toEqual(['user_id', 'email', 'phone', 'external_id', 'anonymous_id']);
    expect(IdentityRulesSchema.safeParse(rules).success).toBe(true);
  });

  it('compares limits as numbers and linking types as a set', () => {
    expect(isChanged(setLimit(defaults, 'email', '05'), DEFAULT_IDENTITY_RULES)).toBe(false);
    expect(isChanged(setLimit(defaults, 'email', '6'), DEFAULT_IDENTITY_RULES)).toBe(true);
    expect(isChanged(setLimit(defaults, 'email', ''), DEFAULT_IDENTITY_RULES)).toBe(true);
    expect(isChanged(setMatching(defaults, 'phone', false), DEFAULT_IDENTITY_RULES)).toBe(true);
    const reordered = { ...DEFAULT_IDENTITY_RULES, matching: [...DEFAULT_IDENTITY_RULES.matching].reverse() };
    expect(isChanged(defaults, reordered)).toBe(false);
  });

  it('never lets group_id link events', () => {
    expect(setMatching(defaults, 'group_id', true).matching.has('group_id')).toBe(false);
  });

  it('names the fields to fix instead of sending a half-typed rule', () => {
    for (const typed of ['', '0', '1.5', '-3', '100001', 'abc']) {
      expect(rulesFromDraft(setLimit(defaults, 'email', typed))).toEqual({
        errors: { 'limits.email': 'Enter a whole number from 1 to 100,000' },
      });
    }
    expect(rulesFromDraft(setLimit(defaults, 'email', '100000')).rules?.limits.email).toBe(100_000);
    const none = defaults.priority.reduce((draft, type) => setMatching(draft, type, false), defaults);
    expect(rulesFromDraft(none).errors).toEqual({
      matching: 'At least one identifier must link events to a customer',
    });
  });
});
