import type { IdentityRules } from '../contracts/identity-settings-api.ts';

export type { IdentityRules };

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
