import { z } from 'zod';

/** What the web shell needs to know about the running suite before anyone signs in. */
export const MetaResponseSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['local', 'staging']),
  /** Local mode keeps every e-mail the suite sends in a mailbox instead of delivering it. */
  mailbox: z.boolean(),
});
export type MetaResponse = z.infer<typeof MetaResponseSchema>;

export const MailboxMessageSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string().optional(),
  html: z.string().optional(),
  receivedAt: z.string(),
});
export type MailboxMessage = z.infer<typeof MailboxMessageSchema>;

export const MailboxResponseSchema = z.object({ items: z.array(MailboxMessageSchema) });
