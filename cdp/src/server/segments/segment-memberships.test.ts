import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '@orchestrator/shared/bus';
import type { Clock, Database } from '@orchestrator/shared/ports';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import { SegmentRuleSchema } from '../../domain/segments/index.ts';
import { ProfileProcessor } from '../profiles/profile-processor.ts';
import { createTenant, envelopeOf } from '../profiles/profile-test-support.ts';
import { lockSegmentsExclusive } from './segment-locks.ts';
import { SegmentMemberships } from './segment-memberships.ts';
import { SegmentRepository } from './segment-repository.ts';
import { SegmentSweep } from './segment-sweep.ts';

const DAY = 24 * 60 * 60 * 1000;

class FakeClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

describe.each(testDatabaseEngines())('segment memberships on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let processor: ProfileProcessor;
  const clock = new FakeClock(new Date('2024-06-10T12:00:00.000Z'));
  let memberships: SegmentMemberships;
  const segments = new SegmentRepository();
  let message = 0;

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
    processor = new ProfileProcessor(database, new Outbox());
    memberships = new SegmentMemberships(database, new Outbox(), clock);
  });
  afterAll(() => test?.dispose());

  const ago = (ms: number) => new Date(clock.current.getTime() - ms).toISOString();
  const send = async (tenantId: string, raw: Record<string, unknown>) => {
    const outcome = await processor.process(
      tenantId,
      envelopeOf({ messageId: `m-${message++}`, timestamp: ago(0), ...raw }),
    );
    if (outcome.kind !== 'processed') throw new Error(`not processed: ${outcome.kind}`);
    return outcome;
  };
  const createSegment = (tenantId: string, name: string, rule: unknown) =>
    database.tenantTx(tenantId, async (tx) => {
      await lockSegmentsExclusive(tx, tenantId);
      const segment = { name, description: null, rule: SegmentRuleSchema.parse(rule) };
      const id = await segments.insert(tx, tenantId, segment);
      const evaluation = await memberships.evaluateInTransaction(tx, tenantId, { id, ...segment });
      return { id, evaluation };
    });
  const stays = (tenantId: string, segmentId: string) =>
    database.tenantTx(tenantId, async (tx) => {
      const { rows } = await tx.query<{ profile_id: string; entered_at: Date; exited_at: Date | null }>(
        `SELECT profile_id, entered_at, exited_at FROM cdp_segment_memberships WHERE segment_id = $1
         ORDER BY entered_at, exited_at NULLS LAST`,
        [segmentId],
      );
      return rows.map((row) => ({
        profileId: row.profile_id,
        enteredAt: row.entered_at.toISOString(),
        exitedAt: row.exited_at?.toISOString() ?? null,
      }));
    });
  const segmentEvents = (tenantId: string) =>
    database.systemTx(async (tx) => {
      const { rows } = await tx.query<{
        key: string;
        payload: Record<string, unknown>;
        headers: Record<string, string>;
      }>(
        `SELECT key, payload, headers FROM outbox
         WHERE tenant_id = $1 AND payload->>'type' IN ('Segment Entered', 'Segment Exited') ORDER BY id`,
        [tenantId],
      );
      return rows;
    });

  it('opens and closes stays as a profile changes, emitting Entered / Exited once each', async () => {
    const tenantId = await createTenant(database);
    const { id: segmentId, evaluation } = await createSegment(tenantId, 'Pro customers', {
      trait: 'plan',
      op: 'eq',
      value: 'pro',
    });
    expect(evaluation.entered).toEqual([]);

    const { profileId } = await send(tenantId, { type: 'identify', userId: 'ann', traits: { plan: 'Pro' } });
    const entered = await memberships.reconcileProfiles(tenantId, [profileId]);
    expect(entered.entered).toEqual([{ id: expect.any(String), segmentId, profileId }]);
    // A redelivery finds nothing to do.
    expect(await memberships.reconcileProfiles(tenantId, [profileId])).toEqual({ entered: [], exited: [] });

    clock.advance(60_000);
    await send(tenantId, { type: 'identify', userId: 'ann', traits: { plan: 'free' } });
    const exited = await memberships.reconcileProfiles(tenantId, [profileId]);
    expect(exited).toEqual({ entered: [], exited: [entered.entered[0]] });

    clock.advance(60_000);
    await send(tenantId, { type: 'identify', userId: 'ann', traits: { plan: 'pro' } });
    await memberships.reconcileProfiles(tenantId, [profileId]);
    expect(await stays(tenantId, segmentId)).toEqual([
      { profileId, enteredAt: '2024-06-10T12:00:00.000Z', exitedAt: '2024-06-10T12:01:00.000Z' },
      { profileId, enteredAt: '2024-06-10T12:02:00.000Z', exitedAt: null },
    ]);

    const events = await segmentEvents(tenantId);
    expect(events.map((event) => event.payload.type)).toEqual([
      'Segment Entered',
      'Segment Exited',
      'Segment Entered',
    ]);
    expect(events[0]).toMatchObject({
      key: `${tenantId}:${profileId}`,
      payload: { profileId, segmentId, segmentName: 'Pro customers', timestamp: '2024-06-10T12:00:00.000Z' },
      headers: { 'message-id': `segment-entered:${entered.entered[0]!.id}` },
    });
  });

  it('counts the events of merged profiles for the survivor, and takes the absorbed out of its segments', async () => {
    const tenantId = await createTenant(database);
    const { id: buyers } = await createSegment(tenantId, 'Repeat buyers', {
      event: 'Order Completed',
      atLeast: 2,
    });
    const { id: everyone } = await createSegment(tenantId, 'Everyone', { and: [] });
    const phone = await send(tenantId, {
      type: 'track',
      event: 'Order Completed',
      anonymousId: 'anon-phone-1',
    });
    clock.advance(1000);
    const laptop = await send(tenantId, {
      type: 'track',
      event: 'Order Completed',
      anonymousId: 'anon-laptop-1',
    });
    await send(tenantId, { type: 'identify', anonymousId: 'anon-laptop-1', traits: { email: 'bo@acme.io' } });
    await memberships.reconcileProfiles(tenantId, [phone.profileId, laptop.profileId]);
    expect((await stays(tenantId, everyone)).filter((stay) => !stay.exitedAt)).toHaveLength(2);
    expect(await stays(tenantId, buyers)).toEqual([]);

    clock.advance(1000);
    const merged = await send(tenantId, {
      type: 'identify',
      anonymousId: 'anon-phone-1',
      traits: { email: 'bo@acme.io' },
    });
    expect(merged.absorbedIds).toHaveLength(1);
    const survivor = merged.profileId;
    const absorbed = merged.absorbedIds[0]!;
    const changes = await memberships.reconcileProfiles(tenantId, [survivor, ...merged.absorbedIds]);
    expect(changes.entered).toEqual([{ id: expect.any(String), segmentId: buyers, profileId: survivor }]);
    expect(changes.exited).toEqual([{ id: expect.any(String), segmentId: everyone, profileId: absorbed }]);
  });

  it('sweeps time-windowed segments: a profile leaves "ordered in the last 7 days" as time passes', async () => {
    const tenantId = await createTenant(database);
    const { profileId } = await send(tenantId, { type: 'track', event: 'Order Completed', userId: 'cy' });
    const { id: recent } = await createSegment(tenantId, 'Ordered this week', {
      event: 'Order Completed',
      withinDays: 7,
    });
    const { id: lapsed } = await createSegment(tenantId, 'Lapsed', {
      not: { event: 'Order Completed', withinDays: 7 },
    });
    const { id: traitsOnly } = await createSegment(tenantId, 'Named', { trait: 'name', op: 'exists' });
    expect((await stays(tenantId, recent)).map((stay) => stay.profileId)).toEqual([profileId]);

    const sweep = new SegmentSweep(database, memberships, clock, { info: () => {}, error: () => {} }, 60_000);
    // Evaluated at creation, less than half an interval ago: nothing is due yet.
    expect(await sweep.sweepOnce()).toEqual({ segments: 0, entered: 0, exited: 0 });

    clock.advance(7 * DAY - 1);
    const stillIn = await sweep.sweepOnce();
    expect(stillIn).toMatchObject({ entered: 0, exited: 0 });
    expect(stillIn.segments).toBeGreaterThanOrEqual(2);

    // The next pass, one interval later: the order is now more than 7 days old.
    clock.advance(60_000);
    const result = await sweep.sweepOnce();
    expect(result).toMatchObject({ entered: 1, exited: 1 });
    expect(await stays(tenantId, recent)).toEqual([
      { profileId, enteredAt: expect.any(String), exitedAt: clock.now().toISOString() },
    ]);
    expect((await stays(tenantId, lapsed)).map((stay) => [stay.profileId, stay.exitedAt])).toEqual([
      [profileId, null],
    ]);
    // Segments without a window are not swept.
    expect(await database.tenantTx(tenantId, (tx) => segments.evaluatedAt(tx, traitsOnly))).not.toEqual(
      clock.now(),
    );
    // Segments are swept in no particular order between them.
    const types = (await segmentEvents(tenantId)).map((event) => [
      event.payload.type,
      event.payload.segmentName,
    ]);
    expect(types.sort()).toEqual([
      ['Segment Entered', 'Lapsed'],
      ['Segment Entered', 'Ordered this week'],
      ['Segment Exited', 'Ordered this week'],
    ]);
  });

  it('runs the sweep on its timer until stopped', async () => {
    const tenantId = await createTenant(database);
    await send(tenantId, { type: 'track', event: 'Login', userId: 'dee' });
    const { id } = await createSegment(tenantId, 'Active', { event: 'Login', withinDays: 1 });
    clock.advance(2 * DAY);
    const sweep = new SegmentSweep(database, memberships, clock, { info: () => {}, error: () => {} }, 50);
    sweep.start();
    await expect
      .poll(async () => (await stays(tenantId, id))[0]?.exitedAt, { timeout: 10_000 })
      .not.toBeNull();
    await sweep.stop();
  });

  it('answers a full evaluation of a missing segment with undefined', async () => {
    const tenantId = await createTenant(database);
    expect(
      await memberships.evaluateSegment(tenantId, '00000000-0000-4000-8000-000000000000'),
    ).toBeUndefined();
  });
});
