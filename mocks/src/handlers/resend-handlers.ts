import { http, HttpResponse, type HttpHandler } from 'msw';
import { z } from 'zod';
import type { Mailbox } from '../mailbox.ts';
import { bearerTokenOf, readJsonBody, withoutTrailingSlash } from './request-helpers.ts';

export const RESEND_MOCK_DEFAULT_BASE_URL = 'https://api.resend.com';

export interface ResendHandlersOptions {
  /** Default https://api.resend.com. */
  baseUrl?: string;
  /** Where every accepted e-mail lands. */
  mailbox: Mailbox;
  /** When set, only this key is accepted; otherwise any non-empty bearer key is. */
  apiKey?: string;
}

/** `ada@example.com` or `Ada Lovelace <ada@example.com>`, as Resend accepts them. */
const AddressSchema = z
  .string()
  .trim()
  .regex(
    /^(?:[^<>]*<\s*[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+\s*>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/,
    'must be an e-mail address',
  );
const RecipientsSchema = z.union([AddressSchema, z.array(AddressSchema).min(1).max(50)]);

const SendEmailRequestSchema = z
  .object({
    from: AddressSchema,
    to: RecipientsSchema,
    subject: z.string().min(1),
    html: z.string().optional(),
    text: z.string().optional(),
    cc: RecipientsSchema.optional(),
    bcc: RecipientsSchema.optional(),
    reply_to: RecipientsSchema.optional(),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .loose();

/** Resend's error body. */
function resendError(status: number, name: string, message: string) {
  return HttpResponse.json({ statusCode: status, name, message }, { status });
}

function asList(recipients: string | string[]): string[] {
  return typeof recipients === 'string' ? [recipients] : recipients;
}

/** Resend's `POST /emails`: validates like Resend, honours Idempotency-Key, stores each e-mail in the mailbox. */
export function resendHandlers(options: ResendHandlersOptions): HttpHandler[] {
  const baseUrl = withoutTrailingSlash(options.baseUrl ?? RESEND_MOCK_DEFAULT_BASE_URL);
  /** Idempotency key → the request it was first used with and the id it got. */
  const sentByIdempotencyKey = new Map<string, { requestFingerprint: string; id: string }>();

  return [
    http.post(`${baseUrl}/emails`, async ({ request }) => {
      const apiKey = bearerTokenOf(request);
      if (!apiKey) {
        return resendError(
          401,
          'missing_api_key',
          'Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY',
        );
      }
      if (options.apiKey !== undefined && apiKey !== options.apiKey) {
        return resendError(401, 'validation_error', 'API key is invalid');
      }

      const idempotencyKey = request.headers.get('idempotency-key');
      if (idempotencyKey !== null && (idempotencyKey.length < 1 || idempotencyKey.length > 256)) {
        return resendError(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
      }

      const body = await readJsonBody(request);
      if (!body.parsed || typeof body.value !== 'object' || body.value === null) {
        return resendError(422, 'validation_error', 'The request body must be a JSON object.');
      }
      for (const field of ['from', 'to', 'subject'] as const) {
        if (!(field in body.value))
          return resendError(422, 'missing_required_field', `Missing \`${field}\` field.`);
      }
      const parsed = SendEmailRequestSchema.safeParse(body.value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path[0] === undefined ? 'body' : String(issue.path[0]);
        return resendError(
          422,
          'validation_error',
          `Invalid \`${field}\` field: ${issue?.message ?? 'invalid'}.`,
        );
      }
      const email = parsed.data;
      if (email.html === undefined && email.text === undefined) {
        return resendError(422, 'validation_error', 'Missing `html` or `text` field.');
      }

      const requestFingerprint = JSON.stringify(body.value);
      if (idempotencyKey !== null) {
        const earlier = sentByIdempotencyKey.get(idempotencyKey);
        if (earlier && earlier.requestFingerprint !== requestFingerprint) {
          return resendError(
            409,
            'invalid_idempotent_request',
            'Same idempotency key used with a different request payload.',
          );
        }
        if (earlier) return HttpResponse.json({ id: earlier.id });
      }

      const stored = options.mailbox.add({
        from: email.from,
        to: asList(email.to),
        subject: email.subject,
        text: email.text,
        html: email.html,
      });
      if (idempotencyKey !== null)
        sentByIdempotencyKey.set(idempotencyKey, { requestFingerprint, id: stored.id });
      return HttpResponse.json({ id: stored.id });
    }),
  ];
}
