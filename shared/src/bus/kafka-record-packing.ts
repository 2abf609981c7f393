import type { DeliveredMessage, OutgoingMessage } from '../ports/index.ts';

/*
 * Several bus messages in one Kafka record. kafkajs spends its CPU per record, not per byte: encoding
 * one, decoding it in every consumer group, its offsets and headers as objects, and the broker
 * validates each. Every CDP event is published twice (ingest, relay) and read four or five times, so
 * a publish call's messages for one partition travel as one record: the same bytes, one record's
 * overhead. Order is kept (a partition's messages stay in publish order inside the record) and a
 * record is committed only when all its messages are handled.
 *
 * The record's value is the messages' JSON values joined by newlines (JSON.stringify never writes a
 * raw newline, and no UTF-8 sequence contains the byte 0x0A), so a consumer parses a value only when
 * its handler reads it; the `orchestrator-pack` header holds each message's key and headers, which
 * most handlers decide on alone. A message published alone is an ordinary record.
 */

export const PACK_HEADER = 'orchestrator-pack';
/** Well under the broker's default `message.max.bytes` (1 MB). */
export const MAX_PACK_BYTES = 512 * 1024;
export const MAX_PACK_MESSAGES = 500;

/** One record for kafkajs's producer. */
export interface KafkaRecord {
  key: string;
  value: string;
  partition: number;
  headers?: Record<string, string>;
}

type PackedMeta = [key: string, headers: Record<string, string>][];

/**
 * The records for a publish call: per partition, its messages in order, packed up to the limits.
 * `partitionOf` must pick what the producer's partitioner would (the key's murmur2 partition).
 */
export function packRecords(
  messages: readonly OutgoingMessage[],
  partitionOf: (key: string) => number,
  limits: { maxBytes: number; maxMessages: number } = {
    maxBytes: MAX_PACK_BYTES,
    maxMessages: MAX_PACK_MESSAGES,
  },
): KafkaRecord[] {
  const byPartition = new Map<number, OutgoingMessage[]>();
  for (const message of messages) {
    const partition = partitionOf(message.key);
    let list = byPartition.get(partition);
    if (!list) byPartition.set(partition, (list = []));
    list.push(message);
  }
  const records: KafkaRecord[] = [];
  for (const [partition, list] of byPartition) {
    let values: string[] = [];
    let meta: PackedMeta = [];
    let bytes = 0;
    const flush = () => {
      if (values.length === 0) return;
      records.push(packedRecordOf(partition, meta, values));
      values = [];
      meta = [];
      bytes = 0;
    };
    for (const message of list) {
      const value = JSON.stringify(message.value ?? null);
      const size = Buffer.byteLength(value) + Buffer.byteLength(message.key) + 64;
      if (values.length > 0 && (bytes + size > limits.maxBytes || values.length >= limits.maxMessages))
        flush();
      values.push(value);
      meta.push([message.key, message.headers ?? {}]);
      bytes += size;
    }
    flush();
  }
  return records;
}

/** A message as a record of its own; its key picks the partition. */
export function recordOf(message: OutgoingMessage): Omit<KafkaRecord, 'partition'> {
  const value = JSON.stringify(message.value ?? null);
  return message.headers
    ? { key: message.key, value, headers: message.headers }
    : { key: message.key, value };
}

function packedRecordOf(partition: number, meta: PackedMeta, values: string[]): KafkaRecord {
  const [key, headers] = meta[0]!;
  if (values.length === 1) {
    return Object.keys(headers).length > 0
      ? { key, value: values[0]!, partition, headers }
      : { key, value: values[0]!, partition };
  }
  return { key, value: values.join('\n'), partition, headers: { [PACK_HEADER]: JSON.stringify(meta) } };
}

/** What a consumer reads of a fetched record (kafkajs's KafkaMessage, the parts used here). */
export interface FetchedRecord {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

/**
 * The bus messages a fetched record carries, in order: one for an ordinary record, each packed one
 * otherwise (their `index` tells them apart; they share the record's offset).
 */
export function unpackRecord(topic: string, partition: number, record: FetchedRecord): DeliveredMessage[] {
  const offset = Number(record.offset);
  const packed = record.headers?.[PACK_HEADER];
  if (packed === undefined) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(record.headers ?? {})) headers[name] = String(value ?? '');
    return [
      lazyMessage(topic, partition, offset, 0, record.key?.toString('utf8') ?? '', headers, record.value),
    ];
  }
  const meta = JSON.parse(String(packed)) as PackedMeta;
  const value = record.value ?? Buffer.alloc(0);
  const messages: DeliveredMessage[] = [];
  let start = 0;
  for (let index = 0; index < meta.length; index++) {
    const newline = value.indexOf(10, start);
    const end = newline < 0 ? value.length : newline;
    const [key, headers] = meta[index]!;
    messages.push(lazyMessage(topic, partition, offset, index, key, headers, value.subarray(start, end)));
    start = end + 1;
  }
  return messages;
}

/**
 * A delivered message whose value is parsed when a handler first reads it: every group parsed every
 * message, while most handlers decide from the key and headers alone (the profile events announce the
 * profile there, and the flow triggers skip workspaces without flows by their header).
 */
function lazyMessage(
  topic: string,
  partition: number,
  offset: number,
  index: number,
  key: string,
  headers: Record<string, string>,
  raw: Buffer | null,
): DeliveredMessage {
  let unread: Buffer | null | undefined = raw;
  let parsed: unknown = null;
  return {
    topic,
    partition,
    offset,
    index,
    key,
    headers,
    get value(): unknown {
      if (unread !== undefined) {
        parsed = unread && unread.length > 0 ? JSON.parse(unread.toString('utf8')) : null;
        unread = undefined;
      }
      return parsed;
    },
  };
}
