import type { ICustomPartitioner } from 'kafkajs';

/*
 * The partition of a keyed Kafka message, as the Java client's default partitioner picks it
 * (murmur2 of the key's UTF-8 bytes, sign bit cleared, modulo the partitions) — the same partition
 * as kafkajs's `Partitioners.DefaultPartitioner`, so a key keeps its partition (and its order) across
 * this change and with producers in other languages. kafkajs computes murmur2 in emulated 64-bit
 * arithmetic, allocating an object per operation: it was 3% of the suite's CPU at full CDP load.
 * The low 32 bits it keeps are exactly 32-bit multiplication, which is `Math.imul`.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's murmur2 (Utils.murmur2 in the Java client) of these bytes, as a signed 32-bit integer. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let index = 0; index < whole; index += 4) {
    let k = data[index]! | (data[index + 1]! << 8) | (data[index + 2]! << 16) | (data[index + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length & 3;
  if (tail === 3) h ^= data[whole + 2]! << 16;
  if (tail >= 2) h ^= data[whole + 1]! << 8;
  if (tail >= 1) h = Math.imul(h ^ data[whole]!, M);
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition of `key` among `partitions`, as the Java client's default partitioner picks it. */
export function kafkaPartitionOf(key: string | Uint8Array, partitions: number): number {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  return (murmur2(bytes) & 0x7fffffff) % partitions;
}

/**
 * A kafkajs partitioner: the message's own partition if it names one, else its key's (above), else
 * round robin over the partitions with a leader — what `DefaultPartitioner` does, without its cost.
 */
export const KeyPartitioner: ICustomPartitioner = () => {
  let next = Math.floor(Math.random() * 0x7fffffff);
  return ({ partitionMetadata, message }) => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (message.key !== null && message.key !== undefined) {
      return kafkaPartitionOf(message.key, partitionMetadata.length);
    }
    const available = partitionMetadata.filter((partition) => partition.leader >= 0);
    next = (next + 1) & 0x7fffffff;
    return available.length > 0
      ? available[next % available.length]!.partitionId
      : next % partitionMetadata.length;
  };
};
