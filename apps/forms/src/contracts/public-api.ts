import { z } from 'zod';
import { AnswerValueSchema, FieldListSchema, HiddenFieldListSchema } from './fields.ts';
import { LogicSchema } from './logic.ts';
import { PublicFormSettingsSchema } from './settings.ts';

/**
 * `GET /api/v1/public/forms/:slug` (no auth) → 200 the published version; 404 unknown slug;
 * 410 problem+json (detail = the closed message) when unpublished or past `closeAt`;
 * 409 when the response quota is reached. `?version=N` fetches an older published version
 * (for a page that was opened before a republish; answers 404 if no such version).
 */
export const PublicFormResponseSchema = z.object({
  slug: z.string(),
  formId: z.uuid(),
  version: z.number().int(),
  title: z.string(),
  fields: FieldListSchema,
  hiddenFields: HiddenFieldListSchema,
  logic: LogicSchema,
  settings: PublicFormSettingsSchema,
  jsonSchema: z.record(z.string(), z.unknown()),
  uiSchema: z.record(z.string(), z.unknown()),
  hiddenFieldsSchema: z.record(z.string(), z.unknown()),
  publishedAt: z.string(),
});
export type PublicFormResponse = z.infer<typeof PublicFormResponseSchema>;

export const PublicFormQuerySchema = z.object({ version: z.coerce.number().int().min(1).optional() });

/** Largest accepted submission body. */
export const MAX_SUBMISSION_BYTES = 256 * 1024;

/**
 * `POST /api/v1/public/forms/:slug/submissions` (no auth; body ≤ 256 KB).
 * → 201 `{id}`; the same `idempotencyKey` again → 201 with the same id (no duplicate).
 * 422 problem+json with one `errors[]` entry per bad field (`field: "answers.<fieldId>"`);
 * 410 closed/unpublished; 409 quota reached; 429 too many submissions from this IP; 413 too large.
 */
export const PublicSubmissionRequestSchema = z.object({
  answers: z.record(z.string(), AnswerValueSchema.nullable()).default({}),
  hiddenFields: z.record(z.string(), z.string().max(2000)).default({}),
  /** Random per attempt, created by the page when the respondent starts (e.g. a UUID), reused on retries. */
  idempotencyKey: z.string().min(8).max(200),
  /** When the respondent opened the form (ISO 8601); used by the time-to-fill check. */
  startedAt: z.iso.datetime({ offset: true }).optional(),
  /** The published version the page was opened on (default: the current one). */
  version: z.number().int().min(1).optional(),
  /** Honeypot: a visually hidden input a human leaves empty. Filled → accepted but filed as spam. */
  website: z.string().max(2000).optional(),
});
export type PublicSubmissionRequest = z.input<typeof PublicSubmissionRequestSchema>;

export const PublicSubmissionResponseSchema = z.object({ id: z.uuid() });
export type PublicSubmissionResponse = z.infer<typeof PublicSubmissionResponseSchema>;
