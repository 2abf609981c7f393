import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DeliveredMessage } from '@orchestrator/shared/ports';
import { profileBusMessage, type ProfileBusEvent } from '../../contracts/index.ts';
import { affectedProfiles, SegmentConsumer } from './segment-consumer.ts';

const tenantId = randomUUID();
const [ann, bea, cy] = [randomUUID(), randomUUID(), randomUUID()];
let offset = 0;

const delivered = (event: ProfileBusEvent, tenant = tenantId): DeliveredMessage => {
  const message = profileBusMessage(tenant, event);
  return {
    topic: message.topic,
    partition: 0,
    offset: offset++,
    key: message.key,
    value: message.value,
    headers: { ...message.headers, 'tenant-id': tenant },
  };
};
const processed = (profileId: string | null): ProfileBusEvent => ({
  type: 'Message Processed',
  profileId,
  sourceId: 'web',
  receivedAt: '2024-06-01T00:00:00.000Z',
  message: { type: 'page', messageId: randomUUID(), timestamp: '2024-06-01T00:00:00.000Z', anonymousId: 'a' },
});

describe('affectedProfiles', () => {
  it('names the profile of a processed message, and nothing for an unattributed one', () => {
    expect(affectedProfiles(delivered(processed(ann)))).toEqual({ tenantId, profileIds: [ann] });
    expect(affectedProfiles(delivered(processed(null)))).toBeUndefined();
  });

  it('names both sides of a merge and of its undo', () => {
    const merged: ProfileBusEvent = {
      type: 'Profiles Merged',
      profileId: ann,
      absorbedIds: [bea, cy],
      mergeIds: [randomUUID()],
      rule: 'email',
      messageId: 'm',
      timestamp: '2024-06-01T00:00:00.000Z',
    };
    expect(affectedProfiles(delivered(merged))?.profileIds).toEqual([ann, bea, cy]);
    const undone: ProfileBusEvent = {
      type: 'Merge Undone',
      profileId: ann,
      restoredId: bea,
      mergeId: randomUUID(),
    };
    expect(affectedProfiles(delivered(undone))?.profileIds).toEqual([ann, bea]);
  });

  it('ignores its own Segment Entered / Exited events, and messages without a valid tenant', () => {
    for (const type of ['Segment Entered', 'Segment Exited'] as const) {
      const event: ProfileBusEvent = {
        type,
        profileId: ann,
        segmentId: randomUUID(),
        segmentName: 'Pro',
        membershipId: randomUUID(),
        timestamp: '2024-06-01T00:00:00.000Z',
      };
      expect(affectedProfiles(delivered(event))).toBeUndefined();
    }
    expect(affectedProfiles({ ...delivered(processed(ann)), headers: {} })).toBeUndefined();
  });
});

describe('SegmentConsumer', () => {
  it('evaluates each profile of a batch once per tenant', async () => {
    const calls: Array<[string, string[]]> = [];
    const consumer = new SegmentConsumer(
      {
        reconcileProfiles: async (tenant, ids) => {
          calls.push([tenant, [...ids]]);
          return { entered: [], exited: [] };
        },
      },
      { warn: () => {}, error: () => {} },
    );
    const otherTenant = randomUUID();
    await consumer.handleBatch([
      delivered(processed(ann)),
      delivered({
        type: 'Profile Created',
        profileId: ann,
        messageId: 'm',
        timestamp: '2024-06-01T00:00:00.000Z',
      }),
      delivered(processed(bea)),
      delivered(processed(cy), otherTenant),
    ]);
    expect(calls).toEqual([
      [tenantId, [ann, bea]],
      [otherTenant, [cy]],
    ]);
  });

  it('throws so the bus redelivers, and skips a batch that keeps failing', async () => {
    const errors: unknown[] = [];
    const consumer = new SegmentConsumer(
      {
        reconcileProfiles: async () => {
          throw new Error('database away');
        },
      },
      { warn: () => {}, error: (...args: unknown[]) => void errors.push(args) },
      3,
    );
    const batch = [delivered(processed(ann))];
    await expect(consumer.handleBatch(batch)).rejects.toThrow('database away');
    await expect(consumer.handleBatch(batch)).rejects.toThrow('database away');
    await expect(consumer.handleBatch(batch)).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
