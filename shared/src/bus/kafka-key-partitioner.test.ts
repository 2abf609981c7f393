import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { KeyPartitioner, kafkaPartitionOf, murmur2 } from './kafka-key-partitioner.ts';

function metadata(partitions: number): PartitionMetadata[] {
  return Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    offlineReplicas: [],
    partitionErrorCode: 0,
  }));
}

/** Keys of every length 0–40 (every tail case), ASCII and not, as the suite's keys look too. */
function sampleKeys(): string[] {
  const alphabet = 'abcXYZ019:-_ éü中文😀';
  const keys: string[] = [''];
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 48271) >>> 0) % 0x7fffffff);
  for (let length = 1; length <= 40; length += 1) {
    for (let sample = 0; sample < 25; sample += 1) {
      keys.push(Array.from({ length }, () => alphabet[next() % alphabet.length]).join(''));
    }
  }
  keys.push('7b0e3c52-9d1f-4a6b-8c2e-5f4a3b2c1d0e:anonymous-000042', 'tenant:user@example.com');
  return keys;
}

describe('KeyPartitioner', () => {
  it("puts every key in the partition kafkajs's default partitioner (the Java client's) puts it in", () => {
    const theirs = Partitioners.DefaultPartitioner();
    const ours = KeyPartitioner();
    for (const partitions of [1, 2, 3, 8, 12, 50]) {
      const partitionMetadata = metadata(partitions);
      for (const key of sampleKeys()) {
        const message = { key, value: null };
        expect(ours({ topic: 't', partitionMetadata, message }), key).toBe(
          theirs({ topic: 't', partitionMetadata, message }),
        );
      }
    }
  });

  it('matches the Java client on its published murmur2 values', () => {
    // From Apache Kafka's UtilsTest.testMurmur2.
    const cases: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ];
    for (const [key, hash] of cases) expect(murmur2(Buffer.from(key)), key).toBe(hash);
  });

  it('keeps a partition the message names, and spreads keyless messages over the partitions', () => {
    const partitioner = KeyPartitioner();
    const partitionMetadata = metadata(4);
    expect(
      partitioner({ topic: 't', partitionMetadata, message: { key: 'k', value: null, partition: 3 } }),
    ).toBe(3);
    const keyless = new Set(
      Array.from({ length: 8 }, () =>
        partitioner({ topic: 't', partitionMetadata, message: { value: null } }),
      ),
    );
    expect(keyless).toEqual(new Set([0, 1, 2, 3]));
    expect(kafkaPartitionOf(Buffer.from('foobar'), 4)).toBe(kafkaPartitionOf('foobar', 4));
  });
});
