import { z } from 'zod';
import { readPath, scopeOf } from '../evaluation-scope.ts';
import { ACTION_OUTPUTS, CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';
import { PermanentNodeError } from '../node-errors.ts';
import type { WebhookResponse } from '../node-services.ts';
import { DEFAULT_ACTION_RETRY } from '../retry-backoff.ts';
import { renderTemplate } from '../template-rendering.ts';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

export const ActionWebhookConfigSchema = z.object({
  url: z.string().trim().min(1).max(2000).describe('http(s) URL; may hold templates such as {{profile.id}}'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  headers: z
    .array(
      z.object({ name: z.string().regex(HEADER_NAME, 'Not a header name'), value: z.string().max(2000) }),
    )
    .max(30)
    .default([]),
  bodyFormat: z.enum(['json', 'text']).default('json'),
  body: z
    .string()
    .max(100_000)
    .default('')
    .describe('A template; for JSON, inserted values are escaped as JSON string content'),
  allowPrivateNetworks: z
    .boolean()
    .default(false)
    .describe('Allow loopback and private addresses (off: refused, to protect internal services)'),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  responseMapping: z
    .array(
      z.object({
        output: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'Letters, digits and _ only'),
        path: z.string().trim().min(1).max(300).describe('In the response, e.g. body.id or headers.location'),
      }),
    )
    .max(30)
    .default([])
    .describe('Response fields later steps read as steps.<this node>.<output>'),
});
export type ActionWebhookConfig = z.infer<typeof ActionWebhookConfigSchema>;

/** Picks the mapped fields from a response (missing ones are null, so later steps see them as empty). */
export function mapWebhookResponse(
  response: WebhookResponse,
  mapping: ActionWebhookConfig['responseMapping'],
): Record<string, unknown> {
  const lowerHeaders = Object.fromEntries(
    Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const source = { status: response.status, headers: lowerHeaders, body: response.body };
  return Object.fromEntries(
    mapping.map((entry) => {
      const path = entry.path.startsWith('headers.') ? entry.path.toLowerCase() : entry.path;
      return [entry.output, readPath(source, path) ?? null];
    }),
  );
}

// Retrying cannot fix these answers; 408 and 429 are worth waiting for.
const isPermanentStatus = (status: number) =>
  status >= 400 && status < 500 && status !== 408 && status !== 429;

export const actionWebhookNode = defineNodeType<ActionWebhookConfig>({
  type: 'action.webhook',
  category: 'action',
  label: 'HTTP webhook',
  description: 'Sends a signed HTTP request and maps fields of the answer to outputs.',
  icon: 'ops',
  color: CATEGORY_COLORS.action,
  configSchema: ActionWebhookConfigSchema,
  defaultConfig: {
    url: 'https://example.com/hooks/flow',
    method: 'POST',
    headers: [],
    bodyFormat: 'json',
    body: '{"profileId": "{{profile.id}}", "email": "{{profile.traits.email}}", "event": "{{event.event}}"}',
    allowPrivateNetworks: false,
    timeoutMs: 10_000,
    responseMapping: [],
  },
  outputs: () => ACTION_OUTPUTS,
  requires: ['http'],
  retry: DEFAULT_ACTION_RETRY,
  execute: async (context) => {
    const { config } = context;
    const scope = scopeOf(context);
    const url = renderTemplate(config.url, scope, { escape: 'none' }).trim();
    let parsedUrl: URL;
    try {
      parsedUrl = new URL(url);
    } catch {
      throw new PermanentNodeError(`Not a URL: "${url}".`);
    }
    if (parsedUrl.protocol !== 'https:' && parsedUrl.protocol !== 'http:') {
      throw new PermanentNodeError(`Only http and https URLs are allowed, not ${parsedUrl.protocol}`);
    }
    const headers = Object.fromEntries(
      config.headers.map((header) => [
        header.name,
        renderTemplate(header.value, scope).replace(/[\r\n]/g, ''),
      ]),
    );
    let body: unknown;
    if (config.method !== 'GET' && config.body.trim() !== '') {
      const text = renderTemplate(config.body, scope, {
        escape: config.bodyFormat === 'json' ? 'json' : 'none',
      });
      if (config.bodyFormat === 'json') {
        try {
          body = JSON.parse(text);
        } catch {
          throw new PermanentNodeError('The body is not valid JSON once filled in.');
        }
      } else {
        body = text;
      }
    }
    const response = await context.services.webhooks.send({
      url: parsedUrl.toString(),
      method: config.method,
      headers,
      ...(body === undefined ? {} : { body }),
      allowPrivateNetworks: config.allowPrivateNetworks,
      idempotencyKey: context.idempotencyKey,
      timeoutMs: config.timeoutMs,
    });
    if (response.status >= 400) {
      const message = `The endpoint answered ${response.status}.`;
      throw isPermanentStatus(response.status) ? new PermanentNodeError(message) : new Error(message);
    }
    return {
      kind: 'continue',
      handle: NEXT_HANDLE.id,
      output: { status: response.status, ...mapWebhookResponse(response, config.responseMapping) },
    };
  },
});
