import { describe, expect, it } from 'vitest';
import type { DeliveredMessage } from '../ports/index.ts';
import { BatchCoalescer } from './batch-coalescer.ts';

const batchOf = (partition: number, count: number, from = 0): DeliveredMessage[] =>
  Array.from({ length: count }, (_, index) => ({
    topic: 't',
    partition,
    offset: from + index,
    key: `k${partition}`,
    value: { partition, n: from + index },
    headers: {},
  }));

/** A handler taking `ms` a call that records each call's size and the most calls in flight at once. */
function slowHandler(ms = 20) {
  const calls: number[] = [];
  let inFlight = 0;
  let most = 0;
  return {
    calls,
    most: () => most,
    handler: async (batch: DeliveredMessage[]) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((done) => setTimeout(done, ms));
      calls.push(batch.length);
      inFlight -= 1;
    },
  };
}

describe('BatchCoalescer', () => {
  it('hands batches of several partitions arriving together to one handler call, in order', async () => {
    const calls: DeliveredMessage[][] = [];
    const coalescer = new BatchCoalescer(async (batch) => void calls.push(batch), {
      maxMessages: 100,
    });
    await Promise.all([0, 1, 2].map((partition) => coalescer.deliver(batchOf(partition, 3))));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((message) => `${message.partition}:${message.offset}`)).toEqual([
      '0:0',
      '0:1',
      '0:2',
      '1:0',
      '1:1',
      '1:2',
      '2:0',
      '2:1',
      '2:2',
    ]);
  });

  it('runs one call at a time and joins what arrives meanwhile into the next', async () => {
    const { calls, most, handler } = slowHandler();
    const coalescer = new BatchCoalescer(handler, { maxMessages: 100 });
    const first = coalescer.deliver(batchOf(0, 1));
    await new Promise((done) => setTimeout(done, 5));
    await Promise.all([first, coalescer.deliver(batchOf(1, 2)), coalescer.deliver(batchOf(2, 2))]);
    expect(most()).toBe(1);
    expect(calls).toEqual([1, 4]);
  });

  it('keeps calls within the size limit without splitting a batch', async () => {
    const calls: number[] = [];
    const coalescer = new BatchCoalescer(async (batch) => void calls.push(batch.length), {
      maxMessages: 5,
    });
    await Promise.all([
      coalescer.deliver(batchOf(0, 3)),
      coalescer.deliver(batchOf(1, 3)),
      coalescer.deliver(batchOf(2, 7)),
    ]);
    expect(calls).toEqual([3, 3, 7]);
  });

  it('fails only the batch whose message fails; the others of its call succeed alone', async () => {
    const handled: number[] = [];
    const coalescer = new BatchCoalescer(
      async (batch) => {
        if (batch.some((message) => message.partition === 1)) throw new Error('poison');
        handled.push(...new Set(batch.map((message) => message.partition)));
      },
      { maxMessages: 100 },
    );
    const results = await Promise.allSettled(
      [0, 1, 2].map((partition) => coalescer.deliver(batchOf(partition, 2))),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(handled).toEqual([0, 2]);
  });

  it('with concurrency, still joins light traffic into one call at a time', async () => {
    const { calls, most, handler } = slowHandler();
    const coalescer = new BatchCoalescer(handler, { maxMessages: 100, concurrency: 4, parallelFrom: 10 });
    const first = coalescer.deliver(batchOf(0, 1));
    await new Promise((done) => setTimeout(done, 5));
    await Promise.all([first, coalescer.deliver(batchOf(1, 2)), coalescer.deliver(batchOf(2, 2))]);
    expect(most()).toBe(1);
    expect(calls).toEqual([1, 4]);
  });

  it('runs calls side by side, up to its concurrency, once enough messages wait', async () => {
    const { calls, most, handler } = slowHandler();
    const coalescer = new BatchCoalescer(handler, { maxMessages: 10, concurrency: 2, parallelFrom: 10 });
    const first = coalescer.deliver(batchOf(0, 10));
    await new Promise((done) => setImmediate(done));
    // Ten messages wait: a second call starts beside the first; the third batch waits for a free slot.
    await Promise.all([first, coalescer.deliver(batchOf(1, 10)), coalescer.deliver(batchOf(2, 10))]);
    expect(most()).toBe(2);
    expect(calls.reduce((sum, size) => sum + size, 0)).toBe(30);
  });

  it('starts a call beside a slow one once a batch has waited parallelAfterMs', async () => {
    const { calls, most, handler } = slowHandler(80);
    const coalescer = new BatchCoalescer(handler, {
      maxMessages: 100,
      concurrency: 2,
      parallelFrom: 100,
      parallelAfterMs: 10,
    });
    const first = coalescer.deliver(batchOf(0, 1));
    await new Promise((done) => setTimeout(done, 5));
    const second = coalescer.deliver(batchOf(1, 2));
    await Promise.all([first, second]);
    // Without the limit the second batch would wait for the first call: one call at a time.
    expect(most()).toBe(2);
    expect(calls).toEqual([1, 2]);
  });

  it('while idle, waits its linger for batches arriving a moment later', async () => {
    const calls: number[] = [];
    const coalescer = new BatchCoalescer(async (batch) => void calls.push(batch.length), {
      maxMessages: 100,
      lingerMs: 20,
    });
    const first = coalescer.deliver(batchOf(0, 1));
    await new Promise((done) => setTimeout(done, 5));
    await Promise.all([first, coalescer.deliver(batchOf(1, 2))]);
    expect(calls).toEqual([3]);
  });
});
