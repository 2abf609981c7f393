import { z } from 'zod';

/**
 * Consent per purpose (issue 3, item 10). `granted` and `denied` are what a person or a consent
 * manager said; `revoked` is a denial that follows an earlier grant (or one an admin records as such).
 */
export const ConsentStatusSchema = z.enum(['granted', 'denied', 'revoked']);
export type ConsentStatus = z.infer<typeof ConsentStatusSchema>;

/**
 * Where a consent came from: `context` — a message's `context.consent.categoryPreferences` (Segment's
 * Consent Management) or `context.consentManagement` (RudderStack); `traits` — an identify call's
 * `traits.consent`; `api` — set by a user through `PUT /api/v1/cdp/profiles/:id/consent`.
 */
export const ConsentSourceSchema = z.enum(['context', 'traits', 'api']);
export type ConsentSource = z.infer<typeof ConsentSourceSchema>;

/** A purpose is any slug; these four are always shown, a workspace may use more. */
export const DEFAULT_CONSENT_PURPOSES = ['marketing', 'analytics', 'personalization', 'sales'] as const;

export const ConsentPurposeSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_]{0,62}$/, 'must be a slug: lower-case letters, digits and _, at most 63');

export const ProfileConsentSchema = z.object({
  status: ConsentStatusSchema,
  updatedAt: z.string(),
  source: ConsentSourceSchema,
});
export type ProfileConsent = z.infer<typeof ProfileConsentSchema>;

/** The consent of a live profile (everything merged into it included), purpose by purpose. */
export const ProfileConsentsSchema = z.object({
  profileId: z.uuid(),
  purposes: z.record(z.string(), ProfileConsentSchema),
});
export type ProfileConsents = z.infer<typeof ProfileConsentsSchema>;

export const UpdateConsentRequestSchema = z.object({
  purposes: z
    .record(ConsentPurposeSchema, ConsentStatusSchema)
    .refine((purposes) => Object.keys(purposes).length > 0, 'must name at least one purpose')
    .refine((purposes) => Object.keys(purposes).length <= 50, 'may name at most 50 purposes'),
});
export type UpdateConsentRequest = z.infer<typeof UpdateConsentRequestSchema>;

/** What GDPR deletion left behind so old queued messages cannot re-create the person. */
export const SuppressionStatsSchema = z.object({
  entries: z.number().int(),
  droppedMessages: z.number().int(),
  lastDroppedAt: z.string().nullable(),
});
export type SuppressionStats = z.infer<typeof SuppressionStatsSchema>;

/** The `format` field of a GDPR export document (`GET /api/v1/cdp/profiles/:id/export`). */
export const PROFILE_EXPORT_FORMAT = 'orchestrator.cdp.profile-export/v1';
