import { z } from 'zod';

/** The Segment `track` event Forms sends to the CDP for each accepted (non-spam) submission. */
export const FORM_SUBMITTED_EVENT = 'Form Submitted';

export const FormSubmittedPropertiesSchema = z.object({
  formId: z.uuid(),
  formTitle: z.string(),
  version: z.number().int(),
  submissionId: z.uuid(),
  /** Answers by field title (the field id when the title is empty or repeated); files by name. */
  answers: z.record(z.string(), z.unknown()),
  /** The same answers by field id. */
  answersById: z.record(z.string(), z.unknown()),
  hiddenFields: z.record(z.string(), z.string()),
  /** The first e-mail / phone answer on the respondent's path, if any (also in `context.traits`). */
  email: z.string().optional(),
  phone: z.string().optional(),
  /** Set when answers were shortened or left out to keep the message under the CDP's 32 KB limit. */
  truncated: z.boolean().optional(),
});
export type FormSubmittedProperties = z.infer<typeof FormSubmittedPropertiesSchema>;

/**
 * The whole message (`CdpMessage` shape). `messageId` is `form-submission:<submissionId>` so a replay
 * is deduplicated by the CDP. `anonymousId` is stable per respondent: `form-email:<sha256(e-mail)>`,
 * else `form-phone:<sha256(phone)>`, else `form-submission:<submissionId>`; the e-mail / phone travel
 * in `context.traits`, where the CDP's identity resolution reads them.
 */
export const FormSubmittedMessageSchema = z.object({
  type: z.literal('track'),
  event: z.literal(FORM_SUBMITTED_EVENT),
  messageId: z.string(),
  anonymousId: z.string(),
  properties: FormSubmittedPropertiesSchema,
  context: z.object({
    traits: z.object({ email: z.string().optional(), phone: z.string().optional() }),
    library: z.object({ name: z.string(), version: z.string() }),
  }),
  timestamp: z.string(),
});
export type FormSubmittedMessage = z.infer<typeof FormSubmittedMessageSchema>;
