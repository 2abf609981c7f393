import { z } from 'zod';
import { IdentityTypeSchema } from '../contracts/profiles-api.ts';
import type { IdentityType } from '../contracts/profiles-api.ts';

/** Segment's three per-type identity rules (blocked values live in blocked-identifier-values.ts). */
export interface IdentityRules {
  /** Max distinct values of a type one profile may hold (Segment: user_id 1, others 5). */
  limits: Record<IdentityType, number>;
  /** Highest first: when a message would break a limit, its lowest-priority identifier is dropped and matching retried. */
  priority: IdentityType[];
  /** Types used to FIND profiles. group_id is attached but never matches: two people of one company must not merge. */
  matching: IdentityType[];
}

/**
 * Defaults, after Segment's, adapted to limits without time windows:
 * - user_id 1: a second distinct user id is a second person, never a merge.
 * - email, phone, external_id 5, as in Segment.
 * - anonymous_id 100: Segment's default is "5 per week"; without a window, 5 ever would stop stitching a
 *   customer's sixth browser or device. Mega-merges through shared anonymous ids are prevented by the
 *   user_id limit and the block list, not by this number.
 * - group_id 1000: it never finds profiles, so its limit only caps memberships.
 * Priority: user_id, then e-mail (Segment's first two), then ids issued by our own systems, then phones
 * (switchboards and family lines are shared), then anonymous ids (cookies and devices are shared), and
 * group_id last.
 */
export const DEFAULT_IDENTITY_RULES: IdentityRules = {
  limits: { user_id: 1, email: 5, external_id: 5, phone: 5, anonymous_id: 100, group_id: 1000 },
  priority: ['user_id', 'email', 'external_id', 'phone', 'anonymous_id', 'group_id'],
  matching: ['user_id', 'email', 'external_id', 'phone', 'anonymous_id'],
};

/** A workspace's rules as configured through the API: every type limited and ranked, group_id never matching. */
export const IdentityRulesSchema = z
  .object({
    limits: z.record(IdentityTypeSchema, z.number().int().min(1).max(100_000)),
    priority: z.array(IdentityTypeSchema),
    matching: z.array(IdentityTypeSchema),
  })
  .superRefine((rules, ctx) => {
    const ranked = new Set(rules.priority);
    if (ranked.size !== rules.priority.length || ranked.size !== IdentityTypeSchema.options.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['priority'],
        message: 'must rank every identity type exactly once',
      });
    }
    if (rules.matching.includes('group_id')) {
      ctx.addIssue({
        code: 'custom',
        path: ['matching'],
        message: 'group_id cannot match: people of one company would merge',
      });
    }
    if (new Set(rules.matching).size !== rules.matching.length) {
      ctx.addIssue({ code: 'custom', path: ['matching'], message: 'must not repeat a type' });
    }
  });
