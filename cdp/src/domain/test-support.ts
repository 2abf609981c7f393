// Test-only helpers (not exported from index.ts): builds messages the way ingest does, through the
// contract schema, so tests see exactly what the consumer will (e.g. numeric ids already strings).
import fc from 'fast-check';
import { SegmentMessageSchema } from '../contracts/segment-message.ts';
import type { NormalizedMessage } from '../contracts/segment-message.ts';

let counter = 0;

export function normalizedMessage(
  raw: Record<string, unknown>,
  overrides: { messageId?: string; timestamp?: string } = {},
): NormalizedMessage {
  const parsed = SegmentMessageSchema.parse(raw);
  counter += 1;
  return {
    ...parsed,
    messageId: overrides.messageId ?? parsed.messageId ?? `test-message-${counter}`,
    timestamp: overrides.timestamp ?? parsed.timestamp ?? '2024-01-01T00:00:00.000Z',
  };
}

/** Every ordering of `items`, as a fast-check arbitrary. */
export function permutationOf<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
}
