import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CDP_PROFILE_EVENTS_TOPIC } from '@orchestrator/cdp/contracts';
import { TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import type { DeliveredMessage } from '@orchestrator/shared/ports';
import { normalizeBusEvent } from './flow-event-normalizer.ts';

const tenantId = randomUUID();
const profileId = randomUUID();

const delivered = (value: unknown, messageId = 'bus-1', tenant: string = tenantId): DeliveredMessage => ({
  topic: CDP_PROFILE_EVENTS_TOPIC,
  partition: 0,
  offset: 1,
  key: `${tenant}:${profileId}`,
  value,
  headers: { [TENANT_ID_HEADER]: tenant, 'message-id': messageId },
});

const processed = (message: Record<string, unknown>) => ({
  type: 'Message Processed',
  profileId,
  sourceId: 'web',
  receivedAt: '2026-03-01T10:00:01.000Z',
  message: { messageId: 'm-1', timestamp: '2026-03-01T10:00:00.000Z', ...message },
});

describe('CDP profile events as flow events', () => {
  it('names tracks by their event, pages and screens as viewed, identifies as Identified', () => {
    const track = normalizeBusEvent(
      delivered(
        processed({
          type: 'track',
          event: 'Order Completed',
          properties: { total: 42 },
          context: { ip: '1.2.3.4' },
        }),
      ),
    );
    expect(track).toEqual({
      tenantId,
      absorbedIds: [],
      event: {
        id: 'bus-1',
        event: 'Order Completed',
        profileId,
        messageId: 'm-1',
        timestamp: '2026-03-01T10:00:00.000Z',
        properties: { total: 42 },
        context: { ip: '1.2.3.4' },
      },
    });
    const page = normalizeBusEvent(
      delivered(processed({ type: 'page', name: 'Pricing', properties: { path: '/pricing' } })),
    );
    expect(page?.event).toMatchObject({
      event: 'Page Viewed',
      properties: { name: 'Pricing', path: '/pricing' },
    });
    expect(normalizeBusEvent(delivered(processed({ type: 'screen', name: 'Home' })))?.event.event).toBe(
      'Screen Viewed',
    );
    const identify = normalizeBusEvent(delivered(processed({ type: 'identify', traits: { plan: 'pro' } })));
    expect(identify?.event).toMatchObject({ event: 'Identified', properties: { plan: 'pro' } });
  });

  it('keeps lifecycle events with their fields, and the ids a merge absorbed', () => {
    const segmentId = randomUUID();
    const membershipId = randomUUID();
    const entered = normalizeBusEvent(
      delivered({
        type: 'Segment Entered',
        profileId,
        segmentId,
        segmentName: 'VIP',
        membershipId,
        timestamp: '2026-03-01T10:00:00.000Z',
      }),
    );
    expect(entered?.event).toMatchObject({
      event: 'Segment Entered',
      messageId: membershipId,
      properties: { segmentId, segmentName: 'VIP' },
    });
    const absorbed = [randomUUID()];
    const merged = normalizeBusEvent(
      delivered({
        type: 'Profiles Merged',
        profileId,
        absorbedIds: absorbed,
        mergeIds: [randomUUID()],
        rule: 'email',
        messageId: 'm-2',
        timestamp: '2026-03-01T10:00:00.000Z',
      }),
    );
    expect(merged).toMatchObject({ absorbedIds: absorbed, event: { event: 'Profiles Merged' } });
  });

  it('ignores what flows do not use and what is malformed', () => {
    expect(normalizeBusEvent(delivered(processed({ type: 'group', groupId: 'acme' })))).toBeUndefined();
    expect(
      normalizeBusEvent(
        delivered({ type: 'Merge Undone', profileId, restoredId: randomUUID(), mergeId: randomUUID() }),
      ),
    ).toBeUndefined();
    expect(normalizeBusEvent(delivered({ type: 'Something Else' }))).toBeUndefined();
    expect(
      normalizeBusEvent(delivered(processed({ type: 'track', event: 'X' }), 'bus-2', 'not-a-tenant')),
    ).toBeUndefined();
  });
});
