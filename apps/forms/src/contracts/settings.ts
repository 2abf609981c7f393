import { z } from 'zod';

const colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'must be a colour like #1a2b3c');

export const FormThemeSchema = z.object({
  primaryColor: colour.default('#4f46e5'),
  backgroundColor: colour.default('#ffffff'),
  textColor: colour.default('#111827'),
  buttonTextColor: colour.default('#ffffff'),
  /** An https (or http) URL of the logo shown at the top of the public form. */
  logoUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .default(null),
  fontFamily: z.string().max(200).nullable().default(null),
});
export type FormTheme = z.infer<typeof FormThemeSchema>;

export const FormModeSchema = z.enum(['all', 'one_at_a_time']);
export type FormMode = z.infer<typeof FormModeSchema>;

/** Form settings. Every key has a default, so `{}` is valid input. */
export const FormSettingsSchema = z.object({
  theme: FormThemeSchema.default(FormThemeSchema.parse({})),
  /** `all`: one page; `one_at_a_time`: one question per screen. */
  mode: FormModeSchema.default('all'),
  /** After this instant (ISO 8601 with offset) the public form answers 410. */
  closeAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** Once this many submissions (excluding spam) are stored, the public form answers 409. */
  responseQuota: z.number().int().min(1).max(10_000_000).nullable().default(null),
  /** Where the page sends the respondent after a successful submission. */
  redirectUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .default(null),
  /** Submissions completed faster than this (from `startedAt`) are filed as spam. Null: no check. */
  timeToFillSeconds: z.number().int().min(1).max(3600).nullable().default(null),
  /** Who gets an e-mail for each new (non-spam) submission. */
  notifyEmails: z.array(z.email()).max(20).default([]),
  /** Shown (as the 410's detail) when the form is closed. */
  closedMessage: z.string().max(1000).nullable().default(null),
});
export type FormSettings = z.infer<typeof FormSettingsSchema>;
export type FormSettingsInput = z.input<typeof FormSettingsSchema>;

/** The subset of settings the public page needs (no notification addresses). */
export const PublicFormSettingsSchema = FormSettingsSchema.omit({ notifyEmails: true });
export type PublicFormSettings = z.infer<typeof PublicFormSettingsSchema>;
