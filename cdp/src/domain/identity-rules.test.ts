import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY_RULES } from './identity-rules.ts';
import { IdentityRulesSchema } from '../contracts/identity-settings-api.ts';

describe('identity rules', () => {
  it('defaults allow one user id, rank user id first and never match on group ids', () => {
    expect(DEFAULT_IDENTITY_RULES.limits.user_id).toBe(1);
    expect(DEFAULT_IDENTITY_RULES.priority[0]).toBe('user_id');
    expect(DEFAULT_IDENTITY_RULES.matching).not.toContain('group_id');
    expect(IdentityRulesSchema.safeParse(DEFAULT_IDENTITY_RULES).success).toBe(true);
  });

  it('reject configurations that would let colleagues merge or leave a type unranked', () => {
    const matchingGroups = { ...DEFAULT_IDENTITY_RULES, matching: ['user_id', 'group_id'] };
    expect(IdentityRulesSchema.safeParse(matchingGroups).success).toBe(false);
    const unranked = { ...DEFAULT_IDENTITY_RULES, priority: ['user_id', 'email'] };
    expect(IdentityRulesSchema.safeParse(unranked).success).toBe(false);
    const zeroLimit = { ...DEFAULT_IDENTITY_RULES, limits: { ...DEFAULT_IDENTITY_RULES.limits, email: 0 } };
    expect(IdentityRulesSchema.safeParse(zeroLimit).success).toBe(false);
    const unlimited = { ...DEFAULT_IDENTITY_RULES, limits: { user_id: 1 } };
    expect(IdentityRulesSchema.safeParse(unlimited).success).toBe(false);
    const nothingLinks = { ...DEFAULT_IDENTITY_RULES, matching: [] };
    expect(IdentityRulesSchema.safeParse(nothingLinks).success).toBe(false);
  });
});
