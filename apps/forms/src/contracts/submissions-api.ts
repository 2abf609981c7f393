import { z } from 'zod';
import { AnswerValueSchema } from './fields.ts';

export const SUBMISSION_CATEGORIES = ['inbox', 'spam', 'starred', 'archived'] as const;
export const SubmissionCategorySchema = z.enum(SUBMISSION_CATEGORIES);
export type SubmissionCategory = z.infer<typeof SubmissionCategorySchema>;

export const SubmissionSchema = z.object({
  id: z.uuid(),
  formId: z.uuid(),
  /** The published version the respondent answered. */
  version: z.number().int(),
  /** By field id; only fields on the respondent's path. */
  answers: z.record(z.string(), AnswerValueSchema),
  /** By hidden field name. */
  hiddenFields: z.record(z.string(), z.string()),
  category: SubmissionCategorySchema,
  /** Why it was filed as spam (`honeypot`, `too_fast`), else null. */
  spamReason: z.string().nullable(),
  startedAt: z.string().nullable(),
  submittedAt: z.string(),
  userAgent: z.string().nullable(),
});
export type Submission = z.infer<typeof SubmissionSchema>;

/**
 * `GET /api/v1/forms/:id/submissions`.
 * - q: full-text search over answers and hidden fields
 * - category: one category; omitted → every category except spam and archived
 *   (`inbox` + `starred`); `all` → everything
 * - sort: `submittedAt` (default) or `answers.<fieldId>` or `hiddenFields.<name>`; order: `desc` (default) | `asc`
 */
export const SubmissionListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.union([SubmissionCategorySchema, z.literal('all')]).optional(),
  sort: z
    .string()
    .regex(
      /^(submittedAt|answers\.[A-Za-z0-9_-]{1,64}|hiddenFields\.[A-Za-z0-9_.-]{1,64})$/,
      'must be submittedAt, answers.<fieldId> or hiddenFields.<name>',
    )
    .default('submittedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type SubmissionListQuery = z.infer<typeof SubmissionListQuerySchema>;

export const SubmissionListResponseSchema = z.object({
  items: z.array(SubmissionSchema),
  nextCursor: z.string().nullable(),
  /** Matching submissions (all pages). */
  total: z.number().int(),
  /** Counts per category (ignoring `category` and `q`), for the tabs. */
  counts: z.record(SubmissionCategorySchema, z.number().int()),
});
export type SubmissionListResponse = z.infer<typeof SubmissionListResponseSchema>;

/** `PATCH /api/v1/forms/:id/submissions/:sid`. */
export const UpdateSubmissionRequestSchema = z.object({ category: SubmissionCategorySchema });
export type UpdateSubmissionRequest = z.infer<typeof UpdateSubmissionRequestSchema>;
