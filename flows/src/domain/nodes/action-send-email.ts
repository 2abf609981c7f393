import { z } from 'zod';
import { scopeOf } from '../evaluation-scope.ts';
import { ACTION_OUTPUTS, CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';
import { PermanentNodeError } from '../node-errors.ts';
import { DEFAULT_ACTION_RETRY } from '../retry-backoff.ts';
import { renderTemplate } from '../template-rendering.ts';

export const ActionSendEmailConfigSchema = z.object({
  to: z.string().trim().min(1).max(500).describe('Recipient; a template such as {{profile.traits.email}}'),
  subject: z.string().trim().min(1).max(998),
  text: z.string().max(100_000).describe('Plain-text body; {{…}} placeholders are filled in'),
  html: z.string().max(200_000).optional().describe('Optional HTML body; inserted values are HTML-escaped'),
  from: z.string().max(300).optional(),
  replyTo: z.string().max(300).optional(),
});
export type ActionSendEmailConfig = z.infer<typeof ActionSendEmailConfigSchema>;

// The shape e-mail providers accept; the EmailSender contract checks it again.
const EMAIL_ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export const actionSendEmailNode = defineNodeType<ActionSendEmailConfig>({
  type: 'action.sendEmail',
  category: 'action',
  label: 'Send e-mail',
  description: 'Sends an e-mail templated with profile, event and earlier step fields.',
  icon: 'mailbox',
  color: CATEGORY_COLORS.action,
  configSchema: ActionSendEmailConfigSchema,
  defaultConfig: {
    to: '{{profile.traits.email}}',
    subject: 'Hello {{ profile.traits.firstName | default: "there" }}',
    text: 'Hi {{ profile.traits.firstName | default: "there" }},\n\nThanks for getting in touch.\n',
  },
  outputs: () => ACTION_OUTPUTS,
  requires: ['email'],
  retry: DEFAULT_ACTION_RETRY,
  execute: async (context) => {
    const scope = scopeOf(context);
    const { config } = context;
    const to = renderTemplate(config.to, scope)
      .split(',')
      .map((address) => address.trim())
      .filter((address) => address.length > 0);
    if (to.length === 0)
      throw new PermanentNodeError(`No recipient: "${config.to}" is empty for this profile.`);
    const invalid = to.find((address) => !EMAIL_ADDRESS.test(address));
    if (invalid !== undefined) throw new PermanentNodeError(`Not an e-mail address: "${invalid}".`);
    const replyTo = config.replyTo ? renderTemplate(config.replyTo, scope).trim() : '';
    if (replyTo && !EMAIL_ADDRESS.test(replyTo))
      throw new PermanentNodeError(`Not an e-mail address: "${replyTo}".`);
    const from = config.from ? renderTemplate(config.from, scope).trim() : '';
    const subject = renderTemplate(config.subject, scope)
      .replace(/[\r\n]+/g, ' ')
      .trim();
    const result = await context.services.email.send({
      to,
      subject: subject || '(no subject)',
      text: renderTemplate(config.text, scope),
      ...(config.html ? { html: renderTemplate(config.html, scope, { escape: 'html' }) } : {}),
      ...(from ? { from } : {}),
      ...(replyTo ? { replyTo } : {}),
      idempotencyKey: context.idempotencyKey,
    });
    return { kind: 'continue', handle: NEXT_HANDLE.id, output: { messageId: result.id, to, subject } };
  },
});
