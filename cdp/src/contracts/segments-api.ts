import { z } from 'zod';
import {
  SEGMENT_RULE_DESCRIPTION,
  SegmentRuleSchema,
  type SegmentRule,
} from '../domain/segments/segment-rule.ts';
import { ProfileSchema } from './profiles-api.ts';

export { SEGMENT_RULE_LIMITS, SegmentRuleSchema, VALUE_OPERATORS } from '../domain/segments/segment-rule.ts';
export type {
  EventCondition,
  PropertyCondition,
  ScalarValue,
  SegmentRule,
  TraitCondition,
  ValueOperator,
} from '../domain/segments/segment-rule.ts';

/** A rule in an answer: as stored, so already checked (documented by its description). */
const StoredRuleSchema = z
  .custom<SegmentRule>((value) => typeof value === 'object' && value !== null)
  .meta({ description: SEGMENT_RULE_DESCRIPTION });

/** A segment as the API answers it; `rule` as stored (atLeast filled in). */
export const SegmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  rule: StoredRuleSchema,
  /** Profiles in it now. */
  memberCount: z.number().int(),
  /** Whether time passing alone changes membership (an event condition with a window). */
  timeWindowed: z.boolean(),
  evaluatedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Segment = z.infer<typeof SegmentSchema>;

/** POST and PUT: PUT replaces name, description and rule. */
export const SegmentInputSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  description: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((value) => value || null),
  rule: SegmentRuleSchema,
});
export type SegmentInput = z.input<typeof SegmentInputSchema>;

export const SegmentListResponseSchema = z.object({ items: z.array(SegmentSchema) });

export const SegmentPreviewRequestSchema = z.object({ rule: SegmentRuleSchema });
export const SEGMENT_PREVIEW_SAMPLE_SIZE = 10;
export const SegmentPreviewSchema = z.object({
  /** How many live profiles match the rule now. */
  count: z.number().int(),
  /** Some of them, most recently seen first. */
  sample: z.array(ProfileSchema).max(SEGMENT_PREVIEW_SAMPLE_SIZE),
});
export type SegmentPreview = z.infer<typeof SegmentPreviewSchema>;

/** What a full evaluation changed. */
export const SegmentEvaluationSchema = z.object({
  entered: z.number().int(),
  exited: z.number().int(),
  memberCount: z.number().int(),
  evaluatedAt: z.string(),
});
export type SegmentEvaluation = z.infer<typeof SegmentEvaluationSchema>;

export const SegmentMemberSchema = z.object({ profile: ProfileSchema, enteredAt: z.string() });
export type SegmentMember = z.infer<typeof SegmentMemberSchema>;

/** One stay of a profile in a segment; exitedAt is null while it is a member. */
export const SegmentMembershipSchema = z.object({
  segmentId: z.uuid(),
  segmentName: z.string(),
  enteredAt: z.string(),
  exitedAt: z.string().nullable(),
});
export type SegmentMembership = z.infer<typeof SegmentMembershipSchema>;
export const SegmentMembershipListSchema = z.object({ items: z.array(SegmentMembershipSchema) });

/** Trait keys and event names the workspace has used, for the rule editor's suggestions. */
export const SegmentVocabularySchema = z.object({ traits: z.array(z.string()), events: z.array(z.string()) });
export type SegmentVocabulary = z.infer<typeof SegmentVocabularySchema>;
