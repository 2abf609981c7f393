import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OffsetCommitBatcher, type PartitionOffset } from './offset-commit-batcher.ts';

function recordingBatcher(fail?: Error) {
  const requests: PartitionOffset[][] = [];
  const failures: PartitionOffset[][] = [];
  const batcher = new OffsetCommitBatcher(
    async (offsets) => {
      requests.push(offsets);
      if (fail) throw fail;
    },
    { intervalMs: 500, onError: (_error, offsets) => void failures.push([...offsets]) },
  );
  return { batcher, requests, failures };
}

describe('OffsetCommitBatcher', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends nothing before the interval, then every partition handled meanwhile in one request', async () => {
    const { batcher, requests } = recordingBatcher();
    batcher.commit({ topic: 't', partition: 0, offset: '5' });
    await vi.advanceTimersByTimeAsync(200);
    batcher.commit({ topic: 't', partition: 3, offset: '9' });
    batcher.commit({ topic: 'u', partition: 0, offset: '2' });
    await vi.advanceTimersByTimeAsync(299);
    expect(requests).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toEqual([
      [
        { topic: 't', partition: 0, offset: '5' },
        { topic: 't', partition: 3, offset: '9' },
        { topic: 'u', partition: 0, offset: '2' },
      ],
    ]);
  });

  it('commits only the latest offset of a partition handled twice', async () => {
    const { batcher, requests } = recordingBatcher();
    batcher.commit({ topic: 't', partition: 1, offset: '5' });
    batcher.commit({ topic: 't', partition: 1, offset: '8' });
    await vi.advanceTimersByTimeAsync(500);
    expect(requests).toEqual([[{ topic: 't', partition: 1, offset: '8' }]]);
  });

  it('sends no request while nothing was handled', async () => {
    const { batcher, requests } = recordingBatcher();
    batcher.commit({ topic: 't', partition: 0, offset: '1' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(requests).toHaveLength(1);
  });

  it('flush sends what is pending at once and resolves once it is answered', async () => {
    const { batcher, requests } = recordingBatcher();
    batcher.commit({ topic: 't', partition: 0, offset: '1' });
    await batcher.flush();
    expect(requests).toEqual([[{ topic: 't', partition: 0, offset: '1' }]]);
    // The interval's timer went with it: no second request for the same offsets.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests).toHaveLength(1);
  });

  it('sends requests one after another, the older first', async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const batcher = new OffsetCommitBatcher(
      async (offsets) => {
        order.push(`start ${offsets[0]!.offset}`);
        if (offsets[0]!.offset === '1') await new Promise<void>((done) => (release = done));
        order.push(`end ${offsets[0]!.offset}`);
      },
      { intervalMs: 500, onError: () => {} },
    );
    batcher.commit({ topic: 't', partition: 0, offset: '1' });
    const first = batcher.flush();
    batcher.commit({ topic: 't', partition: 0, offset: '2' });
    const second = batcher.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['start 1']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('reports a failed request with its offsets and keeps committing after it', async () => {
    const { batcher, failures } = recordingBatcher(new Error('rebalancing'));
    batcher.commit({ topic: 't', partition: 0, offset: '1' });
    batcher.commit({ topic: 't', partition: 1, offset: '1' });
    await expect(batcher.flush()).resolves.toBeUndefined();
    expect(failures).toEqual([
      [
        { topic: 't', partition: 0, offset: '1' },
        { topic: 't', partition: 1, offset: '1' },
      ],
    ]);
    batcher.commit({ topic: 't', partition: 0, offset: '2' });
    await batcher.flush();
    expect(failures).toHaveLength(2);
  });
});
