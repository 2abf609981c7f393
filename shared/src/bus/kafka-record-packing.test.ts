import { describe, expect, it } from 'vitest';
import { PACK_HEADER, packRecords, unpackRecord, type KafkaRecord } from './kafka-record-packing.ts';
import type { OutgoingMessage } from '../ports/index.ts';

/** What a consumer fetches for a produced record, at an offset. */
function fetched(record: KafkaRecord, offset: number) {
  return {
    offset: String(offset),
    key: Buffer.from(record.key),
    value: Buffer.from(record.value),
    headers: Object.fromEntries(
      Object.entries(record.headers ?? {}).map(([name, value]) => [name, Buffer.from(value)]),
    ),
  };
}

function roundTrip(records: KafkaRecord[]) {
  return records.flatMap((record, offset) =>
    unpackRecord('t', record.partition, fetched(record, offset)).map((message) => ({
      key: message.key,
      headers: message.headers,
      value: message.value,
      partition: message.partition,
      offset: message.offset,
      index: message.index,
    })),
  );
}

const byKeyPartition = (key: string) => Number(key.split('-')[1]) % 3;

describe('Kafka record packing', () => {
  it('delivers every message of a publish call once, each partition in publish order, with its key and headers', () => {
    const messages: OutgoingMessage[] = Array.from({ length: 30 }, (_, n) => ({
      key: `k-${n % 7}`,
      value: { n, text: 'line one\nline two', unicode: 'Zoë ✓ 🎉', nothing: null },
      headers: { 'tenant-id': `tenant-${n % 2}`, 'message-id': `m-${n}` },
    }));
    const delivered = roundTrip(packRecords(messages, byKeyPartition));

    expect(delivered).toHaveLength(30);
    for (const message of delivered) {
      const n = (message.value as { n: number }).n;
      expect(message).toMatchObject({
        key: messages[n]!.key,
        headers: messages[n]!.headers,
        value: messages[n]!.value,
      });
      expect(message.partition).toBe(byKeyPartition(message.key));
    }
    for (const partition of [0, 1, 2]) {
      const order = delivered
        .filter((m) => m.partition === partition)
        .map((m) => (m.value as { n: number }).n);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('makes one record per partition of a call, its messages told apart by index', () => {
    const messages = Array.from({ length: 12 }, (_, n) => ({ key: `k-${n}`, value: n }));
    const records = packRecords(messages, byKeyPartition);

    expect(records.map((record) => record.partition).sort()).toEqual([0, 1, 2]);
    const delivered = roundTrip(records);
    const positions = delivered.map((message) => `${message.offset}#${message.index}`);
    expect(new Set(positions).size).toBe(12);
    expect(delivered.filter((message) => message.offset === 0).map((message) => message.index)).toEqual([
      0, 1, 2, 3,
    ]);
  });

  it('sends a message that is alone in its partition as an ordinary record', () => {
    const [record] = packRecords([{ key: 'k-1', value: { a: 1 }, headers: { h: 'v' } }], byKeyPartition);

    expect(record).toEqual({ key: 'k-1', value: '{"a":1}', partition: 1, headers: { h: 'v' } });
    expect(roundTrip([record!])).toEqual([
      { key: 'k-1', headers: { h: 'v' }, value: { a: 1 }, partition: 1, offset: 0, index: 0 },
    ]);
  });

  it('reads records published before packing, and undefined values as null', () => {
    const [plain] = unpackRecord('t', 0, {
      offset: '41',
      key: Buffer.from('k'),
      value: Buffer.from('[1,2]'),
    });
    expect(plain).toMatchObject({ offset: 41, index: 0, key: 'k', headers: {}, value: [1, 2] });

    const [empty] = roundTrip(packRecords([{ key: 'k-0', value: undefined }], byKeyPartition));
    expect(empty!.value).toBeNull();
  });

  it('starts a new record before one would pass the size or count limit', () => {
    const messages = Array.from({ length: 10 }, (_, n) => ({ key: 'k-0', value: 'x'.repeat(100 + n) }));

    const bySize = packRecords(messages, byKeyPartition, { maxBytes: 700, maxMessages: 100 });
    expect(bySize.length).toBeGreaterThan(1);
    for (const record of bySize) expect(Buffer.byteLength(record.value)).toBeLessThanOrEqual(700);

    const byCount = packRecords(messages, byKeyPartition, { maxBytes: 1e6, maxMessages: 4 });
    expect(
      byCount.map((record) =>
        record.headers?.[PACK_HEADER] ? JSON.parse(record.headers[PACK_HEADER]).length : 1,
      ),
    ).toEqual([4, 4, 2]);

    expect(roundTrip(bySize).map((message) => message.value)).toEqual(
      messages.map((message) => message.value),
    );
  });

  it('parses a value only when it is read', () => {
    const records = packRecords(
      [
        { key: 'k-0', value: 1 },
        { key: 'k-0', value: 2 },
      ],
      byKeyPartition,
    );
    const corrupt = { ...fetched(records[0]!, 0), value: Buffer.from('{oops\n2') };
    const [first, second] = unpackRecord('t', 0, corrupt);

    expect(second!.value).toBe(2);
    expect(() => first!.value).toThrow(SyntaxError);
  });
});
