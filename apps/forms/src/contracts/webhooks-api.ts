import { z } from 'zod';

export const WEBHOOK_EVENTS = ['submission.created'] as const;
export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

/**
 * A webhook of a form. Each new (non-spam) submission is POSTed as JSON
 * `{id, event, formId, formTitle, version, answers, hiddenFields, submittedAt}` (`WebhookPayloadSchema`),
 * signed `X-Orchestrator-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * A 2xx answer within 10 s counts as delivered; anything else is retried with backoff
 * (1 min, 5 min, 30 min, 2 h, 6 h, 12 h; 7 attempts) and every attempt is logged.
 */
export const WebhookSchema = z.object({
  id: z.uuid(),
  formId: z.uuid(),
  url: z.string(),
  /** The signing secret (`whsec_…`). */
  secret: z.string(),
  enabled: z.boolean(),
  events: z.array(WebhookEventSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof WebhookSchema>;

export const CreateWebhookRequestSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  enabled: z.boolean().default(true),
  events: z.array(WebhookEventSchema).min(1).default(['submission.created']),
});
export type CreateWebhookRequest = z.input<typeof CreateWebhookRequestSchema>;

export const UpdateWebhookRequestSchema = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  enabled: z.boolean().optional(),
  events: z.array(WebhookEventSchema).min(1).optional(),
  /** Set true to replace the secret with a new one. */
  rotateSecret: z.boolean().optional(),
});
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequestSchema>;

export const WebhookListResponseSchema = z.object({ items: z.array(WebhookSchema) });
export type WebhookListResponse = z.infer<typeof WebhookListResponseSchema>;

export const DeliveryStatusSchema = z.enum(['pending', 'succeeded', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

export const DeliveryAttemptSchema = z.object({
  attempt: z.number().int(),
  attemptedAt: z.string(),
  /** HTTP status of the receiver's answer; null when there was none (timeout, refused, DNS). */
  responseStatus: z.number().int().nullable(),
  /** The first 1 KB of the answer body. */
  responseBodyExcerpt: z.string().nullable(),
  /** Why it failed without an answer (e.g. "timed out after 10 s"). */
  error: z.string().nullable(),
  durationMs: z.number().int(),
  succeeded: z.boolean(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

/** One submission sent to one webhook, with its attempts (newest first). */
export const DeliverySchema = z.object({
  id: z.uuid(),
  webhookId: z.uuid(),
  submissionId: z.uuid(),
  event: WebhookEventSchema,
  /** `pending`: waiting for (another) attempt; `succeeded`; `failed`: out of attempts. */
  status: DeliveryStatusSchema,
  /** Attempts made so far. */
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  responseBodyExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  log: z.array(DeliveryAttemptSchema),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const DeliveryListQuerySchema = z.object({
  status: DeliveryStatusSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const DeliveryListResponseSchema = z.object({
  items: z.array(DeliverySchema),
  nextCursor: z.string().nullable(),
});
export type DeliveryListResponse = z.infer<typeof DeliveryListResponseSchema>;

/** The JSON body POSTed to a webhook. */
export const WebhookPayloadSchema = z.object({
  id: z.uuid(),
  event: WebhookEventSchema,
  formId: z.uuid(),
  formTitle: z.string(),
  version: z.number().int(),
  answers: z.record(z.string(), z.unknown()),
  hiddenFields: z.record(z.string(), z.string()),
  submittedAt: z.string(),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

export const SIGNATURE_HEADER = 'X-Orchestrator-Signature';
