import type { z } from 'zod';
import { BadRequestError, PayloadTooLargeError, type FieldError } from '@orchestrator/shared/errors';
import {
  MAX_BATCH_BYTES,
  MAX_MESSAGE_BYTES,
  SegmentBatchSchema,
  SegmentMessageSchema,
  type SegmentMessage,
  type SegmentMessageType,
} from '../../contracts/index.ts';
import type { BatchDefaults } from './normalize-message.ts';

/** What an ingest endpoint receives: one message of a type fixed by the path, or a batch. */
export type IngestEndpoint = SegmentMessageType | 'batch';

export interface SegmentRequest {
  messages: SegmentMessage[];
  defaults: BatchDefaults;
}

/** A batch of thousands of bad messages is refused with this many field errors, not thousands. */
const MAX_REPORTED_ERRORS = 100;

/** The JSON object of a request body (any content type: analytics.js sends text/plain). */
export function parseJsonBody(endpoint: IngestEndpoint, raw: Buffer | undefined): Record<string, unknown> {
  const size = raw?.length ?? 0;
  if (endpoint === 'batch' && size > MAX_BATCH_BYTES) throw batchTooLarge(size);
  if (endpoint !== 'batch' && size > MAX_MESSAGE_BYTES) throw messageTooLarge(size);
  if (!raw || size === 0) throw new BadRequestError('The body is empty; send a JSON object');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BadRequestError('The body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError('The body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

const ofSize = (size: number | undefined) => (size === undefined ? '' : `; this one has ${size} bytes`);

export const batchTooLarge = (size?: number) =>
  new PayloadTooLargeError(
    `A batch may be at most ${MAX_BATCH_BYTES} bytes (500 KB)${ofSize(size)}; send smaller batches`,
  );

export const messageTooLarge = (size?: number) =>
  new PayloadTooLargeError(`A message may be at most ${MAX_MESSAGE_BYTES} bytes (32 KB)${ofSize(size)}`);

/**
 * Validates a request with Segment's message schemas. Nothing of a request with a bad message is
 * accepted, so a client never has to guess which part of its batch got through.
 */
export function readSegmentRequest(endpoint: IngestEndpoint, body: Record<string, unknown>): SegmentRequest {
  if (endpoint !== 'batch') {
    const result = SegmentMessageSchema.safeParse({ ...withoutNulls(body), type: endpoint });
    if (!result.success) {
      throw new BadRequestError(
        `The ${endpoint} message is invalid; nothing was accepted`,
        fieldErrors(result.error, []),
      );
    }
    return { messages: [result.data], defaults: {} };
  }

  const batch = SegmentBatchSchema.safeParse(withoutNulls(body));
  if (!batch.success) {
    throw new BadRequestError('The batch is invalid; nothing was accepted', fieldErrors(batch.error, []));
  }
  const messages: SegmentMessage[] = [];
  const errors: FieldError[] = [];
  let invalid = 0;
  batch.data.batch.forEach((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      invalid += 1;
      errors.push({ field: `batch.${index}`, message: 'must be a message object' });
      return;
    }
    const size = Buffer.byteLength(JSON.stringify(item));
    if (size > MAX_MESSAGE_BYTES) {
      invalid += 1;
      errors.push({
        field: `batch.${index}`,
        message: `has ${size} bytes; a message may be at most ${MAX_MESSAGE_BYTES} bytes (32 KB)`,
      });
      return;
    }
    const result = SegmentMessageSchema.safeParse(withoutNulls(item as Record<string, unknown>));
    if (result.success) messages.push(result.data);
    else {
      invalid += 1;
      errors.push(...fieldErrors(result.error, ['batch', String(index)]));
    }
  });
  if (invalid > 0) {
    const shown = errors.slice(0, MAX_REPORTED_ERRORS);
    const cut = errors.length > shown.length ? ` (the first ${shown.length} errors are listed)` : '';
    throw new BadRequestError(
      `${invalid} of ${batch.data.batch.length} messages in the batch are invalid; the whole batch was refused and nothing was accepted${cut}`,
      shown,
    );
  }
  const { context, integrations, sentAt } = batch.data;
  return { messages, defaults: { context, integrations, sentAt } };
}

/** Field names relative to the JSON body, e.g. `batch.3.event` or `userId`. */
function fieldErrors(error: z.ZodError, prefix: string[]): FieldError[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)];
    return { field: path.length > 0 ? path.join('.') : '(body)', message: issue.message };
  });
}

/**
 * Top-level `null`s mean "not set": analytics.js sends `"userId": null` for visitors it has not
 * identified, and other SDKs send `name: null` or `context: null`.
 */
function withoutNulls(message: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(message).filter(([, value]) => value !== null));
}
