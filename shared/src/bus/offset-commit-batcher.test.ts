import { describe, expect, it } from 'vitest';
import { OffsetCommitBatcher, type PartitionOffset } from './offset-commit-batcher.ts';

function recordingBatcher(fail?: Error) {
  const requests: PartitionOffset[][] = [];
  const batcher = new OffsetCommitBatcher(async (offsets) => {
    requests.push(offsets);
    if (fail) throw fail;
  });
  return { batcher, requests };
}

describe('OffsetCommitBatcher', () => {
  it('sends the commits of the partitions finished together as one request', async () => {
    const { batcher, requests } = recordingBatcher();
    await Promise.all([
      batcher.commit({ topic: 't', partition: 0, offset: '5' }),
      batcher.commit({ topic: 't', partition: 3, offset: '9' }),
      batcher.commit({ topic: 'u', partition: 0, offset: '2' }),
    ]);
    expect(requests).toEqual([
      [
        { topic: 't', partition: 0, offset: '5' },
        { topic: 't', partition: 3, offset: '9' },
        { topic: 'u', partition: 0, offset: '2' },
      ],
    ]);
  });

  it('commits the latest offset of a partition asked for twice in one turn', async () => {
    const { batcher, requests } = recordingBatcher();
    await Promise.all([
      batcher.commit({ topic: 't', partition: 1, offset: '5' }),
      batcher.commit({ topic: 't', partition: 1, offset: '8' }),
    ]);
    expect(requests).toEqual([[{ topic: 't', partition: 1, offset: '8' }]]);
  });

  it('sends a commit asked for while a request is in flight in a request of its own', async () => {
    const { batcher, requests } = recordingBatcher();
    const first = batcher.commit({ topic: 't', partition: 0, offset: '1' });
    await new Promise((next) => setImmediate(next));
    const second = batcher.commit({ topic: 't', partition: 0, offset: '2' });
    await Promise.all([first, second]);
    expect(requests).toEqual([
      [{ topic: 't', partition: 0, offset: '1' }],
      [{ topic: 't', partition: 0, offset: '2' }],
    ]);
  });

  it('fails every caller whose offset a failed request held', async () => {
    const { batcher } = recordingBatcher(new Error('rebalancing'));
    const results = await Promise.allSettled([
      batcher.commit({ topic: 't', partition: 0, offset: '1' }),
      batcher.commit({ topic: 't', partition: 1, offset: '1' }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
