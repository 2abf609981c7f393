import { z } from 'zod';
import { UpstreamError, ValidationError } from '../errors/domain-errors.ts';
import { EmailMessageSchema, type EmailMessage, type EmailSender } from '../ports/email-sender.ts';

export const RESEND_DEFAULT_BASE_URL = 'https://api.resend.com';

export interface ResendEmailSenderOptions {
  apiKey: string;
  /** Sender used when a message names none, e.g. `Orchestrator <no-reply@example.com>`. */
  defaultFrom: string;
  /** Defaults to https://api.resend.com. */
  baseUrl?: string;
  /** Default 15 s. */
  timeoutMs?: number;
}

const SendResponseSchema = z.object({ id: z.string().min(1) });
/** Resend's error body: `{ statusCode, name, message }`. */
const ResendErrorSchema = z.object({ name: z.string().optional(), message: z.string().optional() });

/** The e-mail port on the Resend HTTP API (`POST /emails`). */
export class ResendEmailSender implements EmailSender {
  private readonly baseUrl: string;

  constructor(private readonly options: ResendEmailSenderOptions) {
    this.baseUrl = (options.baseUrl ?? RESEND_DEFAULT_BASE_URL).replace(/\/+$/, '');
  }

  async send(input: EmailMessage): Promise<{ id: string }> {
    const parsed = EmailMessageSchema.safeParse(input);
    if (!parsed.success) {
      throw new ValidationError(
        'The e-mail message is invalid',
        parsed.error.issues.map((issue) => ({
          field: issue.path.join('.') || 'message',
          message: issue.message,
        })),
      );
    }
    const message = parsed.data;

    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.apiKey}`,
      'content-type': 'application/json',
    };
    // Resend keeps the key for 24 h: a retry with the same key returns the first id and sends nothing.
    if (message.idempotencyKey) headers['idempotency-key'] = message.idempotencyKey;

    const body = {
      from: message.from ?? this.options.defaultFrom,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      reply_to: message.replyTo,
      headers: message.headers,
    };

    let response: Response;
    try {
      // `globalThis.fetch` is looked up per call so request interception (MSW) applies to it.
      response = await globalThis.fetch(`${this.baseUrl}/emails`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new UpstreamError(
        'E-mail',
        `request failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }

    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = ResendErrorSchema.safeParse(payload);
      const reason = problem.success
        ? [problem.data.name, problem.data.message].filter(Boolean).join(': ')
        : response.statusText;
      throw new UpstreamError('E-mail', `${response.status} ${reason}`.trim());
    }
    const sent = SendResponseSchema.safeParse(payload);
    if (!sent.success) throw new UpstreamError('E-mail', 'the provider answered without a message id');
    return { id: sent.data.id };
  }
}
