import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '@orchestrator/shared/bus';
import type { Database } from '@orchestrator/shared/ports';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import { ProfileProcessor } from './profile-processor.ts';
import { countRows, createTenant, envelopeOf, liveProfiles } from './profile-test-support.ts';

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 12, minute)).toISOString();

type Raw = Record<string, unknown> & { messageId: string; timestamp: string };
const page = (messageId: string, minute: number, ids: Record<string, string>): Raw => ({
  type: 'page',
  name: 'Pricing',
  messageId,
  timestamp: at(minute),
  ...ids,
});
const identify = (messageId: string, minute: number, ids: Record<string, string>, traits: object): Raw => ({
  type: 'identify',
  messageId,
  timestamp: at(minute),
  traits,
  ...ids,
});
const track = (
  messageId: string,
  minute: number,
  ids: Record<string, string>,
  event = 'Order Completed',
): Raw => ({
  type: 'track',
  event,
  messageId,
  timestamp: at(minute),
  ...ids,
});

describe.each(testDatabaseEngines())('ProfileProcessor on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let processor: ProfileProcessor;

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
    processor = new ProfileProcessor(database, new Outbox());
  });
  afterAll(() => test?.dispose());

  const run = async (tenantId: string, messages: Raw[]) => {
    const outcomes = [];
    for (const message of messages) outcomes.push(await processor.process(tenantId, envelopeOf(message)));
    return outcomes;
  };

  it('stitches anonymous page views to the person once they identify', async () => {
    const tenant = await createTenant(database);
    const outcomes = await run(tenant, [
      page('p1', 1, { anonymousId: 'anon-1' }),
      page('p2', 2, { anonymousId: 'anon-1' }),
      page('p3', 3, { anonymousId: 'anon-1' }),
      identify('i1', 4, { anonymousId: 'anon-1', userId: 'user-1' }, { email: 'Ann@Acme.io', name: 'Ann' }),
    ]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual([
      'processed',
      'processed',
      'processed',
      'processed',
    ]);
    expect(await liveProfiles(database, tenant)).toEqual([
      {
        identities: ['anonymous_id:anon-1', 'email:ann@acme.io', 'user_id:user-1'],
        traits: { email: 'Ann@Acme.io', name: 'Ann' },
        firstSeenAt: at(1),
        lastSeenAt: at(4),
        eventCount: 4,
        timeline: ['i1', 'p1', 'p2', 'p3'],
      },
    ]);
  });

  it('merges two anonymous profiles that share an e-mail into the oldest, traits by event time', async () => {
    const tenant = await createTenant(database);
    // The newer profile is processed first; the older one (by event time) must still survive.
    const [first] = await run(tenant, [
      page('b1', 20, { anonymousId: 'anon-b' }),
      identify('b2', 50, { anonymousId: 'anon-b' }, { email: 'bea@acme.io', plan: 'pro' }),
    ]);
    const [older, , trigger] = await run(tenant, [
      page('a1', 10, { anonymousId: 'anon-a' }),
      identify('a2', 30, { anonymousId: 'anon-a' }, { plan: 'free', name: 'Bea' }),
      identify('a3', 40, { anonymousId: 'anon-a' }, { email: 'bea@acme.io' }),
    ]);
    expect(trigger).toMatchObject({
      kind: 'processed',
      absorbedIds: [(first as { profileId: string }).profileId],
    });
    expect((trigger as { profileId: string }).profileId).toBe((older as { profileId: string }).profileId);

    const [profile] = await liveProfiles(database, tenant);
    expect(profile).toEqual({
      identities: ['anonymous_id:anon-a', 'anonymous_id:anon-b', 'email:bea@acme.io'],
      // 'pro' was sent at minute 50, after 'free' at 30, although it was processed before it.
      traits: { email: 'bea@acme.io', name: 'Bea', plan: 'pro' },
      firstSeenAt: at(10),
      lastSeenAt: at(50),
      eventCount: 5,
      timeline: ['a1', 'a2', 'a3', 'b1', 'b2'],
    });
    const merges = await database.tenantTx(tenant, (tx) =>
      tx.query<{ rule: string; trigger_message_id: string }>(
        'SELECT rule, trigger_message_id FROM cdp_merges',
      ),
    );
    expect(merges.rows).toEqual([{ rule: expect.stringContaining('email'), trigger_message_id: 'a3' }]);

    // Counts are recounted, never summed: one more event is one more.
    await run(tenant, [track('a4', 60, { anonymousId: 'anon-b' })]);
    expect((await liveProfiles(database, tenant))[0]!.eventCount).toBe(6);
  });

  it('makes a second profile for a second user id instead of merging', async () => {
    const tenant = await createTenant(database);
    await run(tenant, [
      identify('u1', 1, { anonymousId: 'shared-device', userId: 'user-1' }, { email: 'one@acme.io' }),
      identify('u2', 2, { anonymousId: 'shared-device', userId: 'user-2' }, { email: 'one@acme.io' }),
    ]);
    const profiles = await liveProfiles(database, tenant);
    expect(profiles.map((profile) => profile.identities)).toEqual([
      ['anonymous_id:shared-device', 'email:one@acme.io', 'user_id:user-1'],
      ['user_id:user-2'],
    ]);
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_merges')).toBe(0);
  });

  it('never lets placeholder ids merge people, and attributes a placeholder-only event to no one', async () => {
    const tenant = await createTenant(database);
    const outcomes = await run(tenant, [
      identify('x1', 1, { userId: 'undefined' }, { email: 'xena@acme.io' }),
      identify('x2', 2, { userId: 'undefined' }, { email: 'yuri@acme.io' }),
      identify('x3', 3, { anonymousId: '0', userId: 'null' }, { email: 'zoe@acme.io' }),
      identify('x4', 4, { anonymousId: '0' }, { email: 'xena@acme.io' }),
      page('x5', 5, { anonymousId: '00000000-0000-0000-0000-000000000000' }),
    ]);
    expect(outcomes[4]).toMatchObject({ kind: 'unattributed' });
    const profiles = await liveProfiles(database, tenant);
    expect(profiles.map((profile) => [profile.identities, profile.eventCount])).toEqual([
      [['email:xena@acme.io'], 2],
      [['email:yuri@acme.io'], 1],
      [['email:zoe@acme.io'], 1],
    ]);
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_events')).toBe(5);
  });

  it('attaches group ids to each member without merging them', async () => {
    const tenant = await createTenant(database);
    await run(tenant, [
      {
        type: 'group',
        groupId: 'acme',
        userId: 'u-1',
        messageId: 'g1',
        timestamp: at(1),
        traits: { name: 'Acme' },
      },
      { type: 'group', groupId: 'acme', userId: 'u-2', messageId: 'g2', timestamp: at(2) },
    ]);
    const profiles = await liveProfiles(database, tenant);
    expect(profiles.map((profile) => profile.identities)).toEqual([
      ['group_id:acme', 'user_id:u-1'],
      ['group_id:acme', 'user_id:u-2'],
    ]);
    expect(profiles[0]!.traits).toEqual({ company: { id: 'acme', name: 'Acme' } });
  });

  it('changes nothing when the same message is processed again', async () => {
    const tenant = await createTenant(database);
    const messages = [
      page('d1', 1, { anonymousId: 'anon-d' }),
      identify('d2', 2, { anonymousId: 'anon-d', userId: 'dan' }, { name: 'Dan' }),
    ];
    await run(tenant, messages);
    // The app role may only append to the outbox; count it as the owner.
    const outboxRows = () =>
      database.systemTx(async (tx) => {
        const { rows } = await tx.query<{ n: number }>(
          'SELECT count(*) AS n FROM outbox WHERE tenant_id = $1',
          [tenant],
        );
        return rows[0]!.n;
      });
    const before = { profiles: await liveProfiles(database, tenant), outbox: await outboxRows() };
    expect(before.outbox).toBe(3); // Profile Created + two Message Processed
    const again = await run(tenant, [...messages, ...messages]);
    expect(again.map((outcome) => outcome.kind)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect({ profiles: await liveProfiles(database, tenant), outbox: await outboxRows() }).toEqual(before);
  });

  it('builds the same profiles whatever order the messages are processed in', async () => {
    const messages: Raw[] = [
      page('m01', 5, { anonymousId: 'laptop' }),
      identify('m02', 9, { anonymousId: 'laptop', userId: 'carol' }, { name: 'Carol', plan: 'free' }),
      page('m03', 7, { anonymousId: 'mobile-7' }),
      identify('m04', 12, { anonymousId: 'mobile-7' }, { email: 'carol@acme.io', plan: 'pro' }),
      identify('m05', 15, { userId: 'carol' }, { email: 'carol@acme.io' }),
      track('m06', 20, { userId: 'carol' }),
      page('m07', 3, { anonymousId: 'tablet' }),
      identify('m08', 8, { anonymousId: 'tablet' }, { email: 'dave@acme.io', name: 'Dave' }),
      track('m09', 30, { anonymousId: 'tablet' }, 'Signed Up'),
      { type: 'alias', previousId: 'tablet', userId: 'dave', messageId: 'm10', timestamp: at(31) },
    ];
    const expected = await (async () => {
      const tenant = await createTenant(database);
      await run(tenant, messages);
      return liveProfiles(database, tenant);
    })();
    expect(expected.map((profile) => profile.eventCount)).toEqual([6, 4]);

    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(messages, { minLength: messages.length }), async (order) => {
        const tenant = await createTenant(database);
        await run(tenant, order);
        expect(await liveProfiles(database, tenant)).toEqual(expected);
      }),
      { numRuns: engine.name === 'pglite' ? 12 : 20 },
    );
  });
});
