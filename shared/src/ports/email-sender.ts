import { z } from 'zod';

export const EmailMessageSchema = z.object({
  from: z.string().min(3).optional(),
  to: z.array(z.email()).min(1),
  subject: z.string().min(1).max(998),
  text: z.string().optional(),
  html: z.string().optional(),
  replyTo: z.email().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Provider-side idempotency: the same key never sends twice. */
  idempotencyKey: z.string().max(256).optional(),
});
export type EmailMessage = z.infer<typeof EmailMessageSchema>;

export interface EmailSender {
  send(message: EmailMessage): Promise<{ id: string }>;
}
