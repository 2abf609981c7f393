import { z } from 'zod';
import { FieldListSchema, HiddenFieldListSchema } from './fields.ts';
import { LogicSchema } from './logic.ts';
import { FormSettingsSchema } from './settings.ts';

/** What the builder edits and `PUT /api/v1/forms/:id` replaces. */
export const FormDefinitionSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(500),
  fields: FieldListSchema.default([]),
  hiddenFields: HiddenFieldListSchema.default([]),
  logic: LogicSchema.default([]),
  settings: FormSettingsSchema.default(FormSettingsSchema.parse({})),
});
export type FormDefinition = z.infer<typeof FormDefinitionSchema>;
export type FormDefinitionInput = z.input<typeof FormDefinitionSchema>;

/** `POST /api/v1/forms` (only `title` is needed) and `PUT /api/v1/forms/:id` (the whole draft). */
export const CreateFormRequestSchema = FormDefinitionSchema;
export const UpdateFormRequestSchema = FormDefinitionSchema;

/** A compiled form: what @rjsf/core renders and ajv validates (see `compileForm`). */
export const CompiledFormSchema = z.object({
  /** JSON Schema (draft-07) of `answers`: one property per answerable field, keyed by field id. */
  jsonSchema: z.record(z.string(), z.unknown()),
  /** @rjsf uiSchema: `ui:order`, widgets (`textarea`, `radio`, `checkboxes`, `rating`, `opinionScale`, …). */
  uiSchema: z.record(z.string(), z.unknown()),
  /** JSON Schema of `hiddenFields`: one optional string property per declared hidden field. */
  hiddenFieldsSchema: z.record(z.string(), z.unknown()),
});
export type CompiledForm = z.infer<typeof CompiledFormSchema>;

export const FormStatusSchema = z.enum(['draft', 'published', 'closed']);
export type FormStatus = z.infer<typeof FormStatusSchema>;

/** A form as the admin API answers it: the draft plus its publishing state. */
export const FormSchema = FormDefinitionSchema.extend({
  id: z.uuid(),
  /** Globally unique; the public URL is `<PUBLIC_URL>/f/<slug>`. Assigned at creation. */
  slug: z.string(),
  /** `draft`: never published or unpublished; `published`: live; `closed`: live but past `closeAt` or at quota. */
  status: FormStatusSchema,
  /** The public URL (also while unpublished, so the builder can show it). */
  url: z.string(),
  /** The version respondents get now, or null when unpublished. */
  publishedVersion: z.number().int().nullable(),
  /** The newest version ever published (null: never published). */
  latestVersion: z.number().int().nullable(),
  /** The draft differs from the latest published version. */
  hasUnpublishedChanges: z.boolean(),
  /** Stored submissions, spam excluded. */
  submissionCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Form = z.infer<typeof FormSchema>;

/** One row of `GET /api/v1/forms`. */
export const FormSummarySchema = FormSchema.pick({
  id: true,
  title: true,
  slug: true,
  status: true,
  url: true,
  publishedVersion: true,
  latestVersion: true,
  hasUnpublishedChanges: true,
  submissionCount: true,
  createdAt: true,
  updatedAt: true,
});
export type FormSummary = z.infer<typeof FormSummarySchema>;

export const FormListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const FormListResponseSchema = z.object({
  items: z.array(FormSummarySchema),
  nextCursor: z.string().nullable(),
});
export type FormListResponse = z.infer<typeof FormListResponseSchema>;

/** `POST /api/v1/forms/:id/publish` → 200. */
export const PublishResponseSchema = z.object({
  slug: z.string(),
  url: z.string(),
  version: z.number().int(),
});
export type PublishResponse = z.infer<typeof PublishResponseSchema>;

/** An immutable published version (`GET /api/v1/forms/:id/versions`). */
export const PublishedVersionSchema = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
  definition: FormDefinitionSchema,
  compiled: CompiledFormSchema,
});
export type PublishedVersion = z.infer<typeof PublishedVersionSchema>;
export const PublishedVersionListResponseSchema = z.object({ items: z.array(PublishedVersionSchema) });
export type PublishedVersionListResponse = z.infer<typeof PublishedVersionListResponseSchema>;

/** `POST /api/v1/forms/compile`: compile a (draft) definition for the builder's live preview. */
export const CompileRequestSchema = FormDefinitionSchema;
export const CompileResponseSchema = CompiledFormSchema;
