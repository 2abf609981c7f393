import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress, isPrivateHostName } from '../domain/index.ts';

/** Characters of a receiver's answer kept in the delivery log. */
export const RESPONSE_EXCERPT_CHARS = 1024;

export interface WebhookPost {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface WebhookPostResult {
  /** The receiver's HTTP status; undefined when it never answered. */
  status?: number;
  bodyExcerpt?: string;
  /** Why there is no answer (refused address, timeout, connection error). */
  error?: string;
  durationMs: number;
}

export interface WebhookSenderOptions {
  /** Whole-request budget (default 10 s). */
  timeoutMs?: number;
  /**
   * Allow loopback / private / link-local targets. Off in production (SSRF guard); local mode and the
   * suite's tests turn it on because their receivers listen on 127.0.0.1.
   */
  allowPrivateNetworks?: boolean;
}

export class PrivateAddressError extends Error {}

/** Why a webhook URL may not be used (undefined: it may). Checks the literal host only; DNS is checked at send time. */
export function webhookUrlProblem(url: string, allowPrivateNetworks: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be a valid URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return 'must be an http:// or https:// URL';
  if (parsed.username || parsed.password) return 'must not contain credentials';
  if (!allowPrivateNetworks && isPrivateHostName(parsed.hostname)) {
    return 'must point to a public address (loopback and private networks are refused)';
  }
  return undefined;
}

/** A DNS lookup that refuses names resolving to private addresses (pins the checked address to the connection). */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((entry) => isPrivateAddress(entry.address));
      if (refused) {
        return callback(
          new PrivateAddressError(`${hostname} resolves to a private address (${refused.address})`),
          '',
          0,
        );
      }
      if (options.all) return callback(null, list as unknown as string, 0);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

function readExcerpt(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_EXCERPT_CHARS));
    response.on('data', (chunk: Buffer) => {
      if (size < RESPONSE_EXCERPT_CHARS * 4) {
        chunks.push(chunk);
        size += chunk.length;
      } else {
        response.destroy();
        finish();
      }
    });
    response.on('end', finish);
    response.on('error', finish);
    response.on('close', finish);
  });
}

/**
 * POSTs one webhook body. Never throws: every outcome (answer, timeout, refusal) is a result, because
 * each is logged as an attempt. Redirects are not followed (a 3xx counts as a failure).
 */
export async function postWebhook(
  post: WebhookPost,
  options: WebhookSenderOptions = {},
): Promise<WebhookPostResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const allowPrivate = options.allowPrivateNetworks ?? false;
  const elapsed = () => Date.now() - started;
  const problem = webhookUrlProblem(post.url, allowPrivate);
  if (problem) return { error: `The URL ${problem}`, durationMs: 0 };

  const url = new URL(post.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
    return { error: 'The URL points to a private address', durationMs: 0 };
  }
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
    lookup: guardedLookup(allowPrivate),
    signal: AbortSignal.timeout(timeoutMs),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookPostResult>((resolve) => {
    let settled = false;
    const done = (result: WebhookPostResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = send(url, requestOptions, (response) => {
      void readExcerpt(response).then((bodyExcerpt) =>
        done({ status: response.statusCode ?? 0, bodyExcerpt, durationMs: elapsed() }),
      );
    });
    request.on('error', (error: Error & { code?: string }) => {
      const message =
        error.name === 'AbortError' || error.name === 'TimeoutError'
          ? `timed out after ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`
          : error instanceof PrivateAddressError
            ? error.message
            : `${error.code ?? error.name}: ${error.message}`;
      done({ error: message, durationMs: elapsed() });
    });
    request.end(post.body);
  });
}
