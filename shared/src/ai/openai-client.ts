import OpenAI from 'openai';
import { DomainError, UpstreamError } from '../errors/domain-errors.ts';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** How to reach OpenAI (or an OpenAI-compatible server); shared by the chat and the embedding provider. */
export interface OpenAiConnectionOptions {
  apiKey: string;
  /** Defaults to https://api.openai.com/v1. */
  baseUrl?: string;
  /** Retries on 408/409/429/5xx and connection errors, with backoff (the SDK's own policy). Default 2. */
  maxRetries?: number;
  /** Per attempt. Default 60 s. */
  timeoutMs?: number;
}

export function createOpenAiClient(options: OpenAiConnectionOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl ?? OPENAI_DEFAULT_BASE_URL,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 60_000,
    // The SDK keeps the `fetch` it sees at construction. Looking it up per call lets request
    // interception (MSW in local mode and tests) work even when the client was built first.
    fetch: (input, init) => globalThis.fetch(input, init),
  });
}

/** Any failure of a call to OpenAI, as the suite's UpstreamError (502), keeping the SDK's message. */
export function toOpenAiUpstreamError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof OpenAI.APIError) return new UpstreamError('OpenAI', error.message);
  return new UpstreamError('OpenAI', error instanceof Error ? error.message : String(error));
}
