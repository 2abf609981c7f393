import { z } from 'zod';

/**
 * The typed field list of a form. A form is an ordered array of fields; each field is one of the kinds
 * below (discriminated by `kind`). The server compiles the list to JSON Schema + uiSchema
 * (`compileForm` in `../domain`), the public page renders that with @rjsf/core, and the server validates
 * submissions with ajv against the same schema.
 *
 * Answer values, by kind (what `answers[field.id]` holds in a submission):
 * - short_text, long_text, email, url, phone: string
 * - number: number
 * - yes_no, legal_consent: boolean
 * - single_choice, dropdown: string (the chosen option's `label`, or free text when `allowOther`)
 * - multiple_choice: string[] (option labels, plus free text entries when `allowOther`)
 * - date: string, `YYYY-MM-DD` (or an ISO date-time when `includeTime`)
 * - rating, opinion_scale: integer
 * - file_upload: string, a `data:` URL (`data:<mime>;name=<file name>;base64,<data>`, as @rjsf's file widget
 *   produces); bounded by `maxSizeKb` and the 256 KB request limit
 * - statement, welcome_screen, thank_you_screen: no answer (screens)
 */

/** Field ids are stable keys: answers, logic, CSV columns and webhooks refer to them. */
export const FieldIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "_" or "-"');

export const FIELD_KINDS = [
  'short_text',
  'long_text',
  'number',
  'email',
  'url',
  'phone',
  'yes_no',
  'single_choice',
  'multiple_choice',
  'dropdown',
  'date',
  'rating',
  'opinion_scale',
  'file_upload',
  'legal_consent',
  'statement',
  'welcome_screen',
  'thank_you_screen',
] as const;
export const FieldKindSchema = z.enum(FIELD_KINDS);
export type FieldKind = z.infer<typeof FieldKindSchema>;

/** Kinds that show something but collect no answer. */
export const SCREEN_KINDS = [
  'statement',
  'welcome_screen',
  'thank_you_screen',
] as const satisfies readonly FieldKind[];
export type ScreenKind = (typeof SCREEN_KINDS)[number];
export function isScreenKind(kind: FieldKind): kind is ScreenKind {
  return (SCREEN_KINDS as readonly FieldKind[]).includes(kind);
}

const common = {
  id: FieldIdSchema,
  title: z.string().max(1000),
  description: z.string().max(5000).optional(),
  required: z.boolean().optional(),
  placeholder: z.string().max(500).optional(),
};

const optionalCount = z.number().int().min(0).max(1_000_000).optional();

export const ChoiceOptionSchema = z.object({
  /** Stable key for the builder (drag and drop, React keys). */
  id: z.string().min(1).max(64),
  /** What the respondent sees, and what the answer stores. Unique within a field. */
  label: z.string().trim().min(1, 'is required').max(500),
});
export type ChoiceOption = z.infer<typeof ChoiceOptionSchema>;

const options = z
  .array(ChoiceOptionSchema)
  .min(1, 'needs at least one option')
  .max(500)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((option, index) => {
      if (seen.has(option.label)) {
        ctx.addIssue({ code: 'custom', message: 'must be unique within the field', path: [index, 'label'] });
      }
      seen.add(option.label);
    });
  });

export const ShortTextFieldSchema = z.object({
  ...common,
  kind: z.literal('short_text'),
  /** Minimum / maximum length in characters. */
  min: optionalCount,
  max: optionalCount,
});
export const LongTextFieldSchema = z.object({
  ...common,
  kind: z.literal('long_text'),
  min: optionalCount,
  max: optionalCount,
});
export const NumberFieldSchema = z.object({
  ...common,
  kind: z.literal('number'),
  /** Inclusive bounds of the value. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** Whole numbers only. */
  integer: z.boolean().optional(),
});
export const EmailFieldSchema = z.object({ ...common, kind: z.literal('email') });
export const UrlFieldSchema = z.object({ ...common, kind: z.literal('url') });
export const PhoneFieldSchema = z.object({
  ...common,
  kind: z.literal('phone'),
  /** ISO 3166-1 alpha-2 country the widget starts on (display only). */
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});
export const YesNoFieldSchema = z.object({ ...common, kind: z.literal('yes_no') });
export const SingleChoiceFieldSchema = z.object({
  ...common,
  kind: z.literal('single_choice'),
  options,
  /** Lets the respondent type an answer of their own ("Other"). */
  allowOther: z.boolean().optional(),
  randomize: z.boolean().optional(),
});
export const MultipleChoiceFieldSchema = z.object({
  ...common,
  kind: z.literal('multiple_choice'),
  options,
  allowOther: z.boolean().optional(),
  randomize: z.boolean().optional(),
  /** Minimum / maximum number of choices. */
  min: optionalCount,
  max: optionalCount,
});
export const DropdownFieldSchema = z.object({ ...common, kind: z.literal('dropdown'), options });
export const DateFieldSchema = z.object({
  ...common,
  kind: z.literal('date'),
  /** Ask for a date and a time (answer is an ISO date-time) instead of a date. */
  includeTime: z.boolean().optional(),
});
export const RatingFieldSchema = z.object({
  ...common,
  kind: z.literal('rating'),
  /** Number of steps; the answer is 1..max. */
  max: z.number().int().min(2).max(10).optional(),
  shape: z.enum(['star', 'heart', 'thumb']).optional(),
});
export const OpinionScaleFieldSchema = z.object({
  ...common,
  kind: z.literal('opinion_scale'),
  /** The answer is an integer min..max (defaults 0..10). */
  min: z.number().int().min(0).max(1).optional(),
  max: z.number().int().min(2).max(10).optional(),
  minLabel: z.string().max(100).optional(),
  maxLabel: z.string().max(100).optional(),
});
export const FileUploadFieldSchema = z.object({
  ...common,
  kind: z.literal('file_upload'),
  /** `accept` attribute of the file input, e.g. `image/*,.pdf` (display hint). */
  accept: z.string().max(500).optional(),
  /** Largest file, in KB (default 200; the request limit is 256 KB). */
  maxSizeKb: z.number().int().min(1).max(200).optional(),
});
export const LegalConsentFieldSchema = z.object({
  ...common,
  kind: z.literal('legal_consent'),
  /** The text the respondent agrees to (markdown-free plain text); `title` is the label. */
  terms: z.string().max(20_000).optional(),
});
export const StatementFieldSchema = z.object({
  ...common,
  kind: z.literal('statement'),
  buttonLabel: z.string().max(100).optional(),
});
export const WelcomeScreenFieldSchema = z.object({
  ...common,
  kind: z.literal('welcome_screen'),
  buttonLabel: z.string().max(100).optional(),
});
export const ThankYouScreenFieldSchema = z.object({
  ...common,
  kind: z.literal('thank_you_screen'),
  buttonLabel: z.string().max(100).optional(),
});

export const FieldSchema = z.discriminatedUnion('kind', [
  ShortTextFieldSchema,
  LongTextFieldSchema,
  NumberFieldSchema,
  EmailFieldSchema,
  UrlFieldSchema,
  PhoneFieldSchema,
  YesNoFieldSchema,
  SingleChoiceFieldSchema,
  MultipleChoiceFieldSchema,
  DropdownFieldSchema,
  DateFieldSchema,
  RatingFieldSchema,
  OpinionScaleFieldSchema,
  FileUploadFieldSchema,
  LegalConsentFieldSchema,
  StatementFieldSchema,
  WelcomeScreenFieldSchema,
  ThankYouScreenFieldSchema,
]);
export type Field = z.infer<typeof FieldSchema>;
export type FieldOfKind<K extends FieldKind> = Extract<Field, { kind: K }>;

/** The ordered field list; ids must be unique. */
export const FieldListSchema = z
  .array(FieldSchema)
  .max(500)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((field, index) => {
      if (seen.has(field.id)) {
        ctx.addIssue({ code: 'custom', message: 'is used by another field', path: [index, 'id'] });
      }
      seen.add(field.id);
    });
  });

/** A named value the page fills from a URL query parameter (`?utm_source=…`) or the embed snippet. */
export const HiddenFieldSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'must be a URL-parameter-safe name (letters, digits, _ . -)'),
});
export type HiddenField = z.infer<typeof HiddenFieldSchema>;

export const HiddenFieldListSchema = z
  .array(HiddenFieldSchema)
  .max(50)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((hidden, index) => {
      if (seen.has(hidden.name))
        ctx.addIssue({ code: 'custom', message: 'is declared twice', path: [index, 'name'] });
      seen.add(hidden.name);
    });
  });

/** A value the respondent gave for one field (see the table at the top of this file). */
export const AnswerValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;
