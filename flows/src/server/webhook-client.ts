import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress, isPrivateHostName } from '@orchestrator/shared/http';
import type { WebhookRequest, WebhookResponse } from '../domain/index.ts';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the scheme forms' webhooks use too. */
export const FLOW_SIGNATURE_HEADER = 'X-Orchestrator-Signature';

/** A response body larger than this is cut (and kept as text). */
const MAX_RESPONSE_BYTES = 256 * 1024;

/** Connections kept open to one host (per scheme and guard): more requests wait for one to be free. */
const MAX_SOCKETS_PER_HOST = 64;

/**
 * Kept-alive connections, in pools of their own for steps that may call private networks and steps
 * that may not. A pooled connection is reused without a DNS lookup, so sharing one pool would let a
 * step that may not call private networks reuse a connection another step opened to a private
 * address under the same host name (the global agent keeps connections alive since Node 19, so it
 * did). The cap keeps a burst of runs (hundreds in flight) from opening a connection each.
 */
const AGENTS = {
  guarded: {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST }),
  },
  private: {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST }),
  },
} as const;

export function signFlowWebhook(secret: string, body: string, timestampSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${digest}`;
}

/** Why a webhook step's URL may not be called; undefined when it may. */
export function webhookTargetProblem(url: string, allowPrivateNetworks: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a valid URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return 'only http:// and https:// URLs are called';
  if (parsed.username || parsed.password) return 'the URL must not contain credentials';
  if (!allowPrivateNetworks && isPrivateHostName(parsed.hostname)) {
    return `${parsed.hostname} is a loopback or private address: refused unless the step allows private networks and the server does too (WEBHOOKS_ALLOW_PRIVATE_NETWORKS)`;
  }
  return undefined;
}

/** Thrown for a target the SSRF guard refuses: retrying cannot help. */
export class RefusedWebhookTargetError extends Error {
  override readonly name = 'PermanentNodeError';
}

/** A DNS lookup refusing names that resolve to private addresses (the checked address is the one used). */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((entry) => isPrivateAddress(entry.address));
      if (refused) {
        const reason = `${hostname} resolves to a private address (${refused.address})`;
        return callback(new RefusedWebhookTargetError(reason), '', 0);
      }
      if (options.all) return callback(null, list as unknown as string, 0);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

function readBody(response: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
    });
    response.on('error', reject);
    response.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const type = String(response.headers['content-type'] ?? '');
      if (type.includes('json') && size <= MAX_RESPONSE_BYTES) {
        try {
          return resolve(text ? JSON.parse(text) : null);
        } catch {
          // not JSON after all: keep the text
        }
      }
      resolve(text);
    });
  });
}

/**
 * Calls a webhook step's URL: JSON body signed with `secret`, the step's idempotency key as
 * `Idempotency-Key`, a whole-request timeout, redirects not followed, and loopback/private targets
 * refused (also after DNS) unless allowed. Resolves with any HTTP answer (the node judges the status);
 * a refused target or a bad URL throws as permanent, a timeout or connection error as retryable.
 */
export async function sendWebhook(
  request: WebhookRequest,
  options: { secret: string; now: Date; extraHeaders?: Record<string, string> },
): Promise<WebhookResponse> {
  const problem = webhookTargetProblem(request.url, request.allowPrivateNetworks);
  if (problem) throw new RefusedWebhookTargetError(problem);
  const url = new URL(request.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!request.allowPrivateNetworks && isIP(host) && isPrivateAddress(host)) {
    throw new RefusedWebhookTargetError(`${host} is a private address`);
  }
  const body = request.body === undefined || request.method === 'GET' ? '' : JSON.stringify(request.body);
  const timestamp = Math.floor(options.now.getTime() / 1000);
  const headers: Record<string, string> = {
    'user-agent': 'Orchestrator-Flows/1.0',
    ...request.headers,
    ...options.extraHeaders,
    'idempotency-key': request.idempotencyKey,
    [FLOW_SIGNATURE_HEADER]: signFlowWebhook(options.secret, body, timestamp),
  };
  if (body) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const https = url.protocol === 'https:';
  const send = https ? httpsRequest : httpRequest;
  const agent = AGENTS[request.allowPrivateNetworks ? 'private' : 'guarded'][https ? 'https:' : 'http:'];
  return new Promise<WebhookResponse>((resolve, reject) => {
    const outgoing = send(
      url,
      {
        method: request.method,
        headers,
        agent,
        lookup: guardedLookup(request.allowPrivateNetworks),
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (incoming) => {
        readBody(incoming).then(
          (parsed) =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: Object.fromEntries(
                Object.entries(incoming.headers).map(([name, value]) => [
                  name,
                  Array.isArray(value) ? value.join(', ') : String(value ?? ''),
                ]),
              ),
              body: parsed,
            }),
          reject,
        );
      },
    );
    outgoing.on('error', (error: Error) => {
      if (error.name === 'AbortError' || error.name === 'TimeoutError') {
        reject(new Error(`The webhook timed out after ${request.timeoutMs} ms`));
      } else reject(error);
    });
    outgoing.end(body || undefined);
  });
}
