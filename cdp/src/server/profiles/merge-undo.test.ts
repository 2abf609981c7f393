import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '@orchestrator/shared/bus';
import { ConflictError } from '@orchestrator/shared/errors';
import type { Database } from '@orchestrator/shared/ports';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import { MergeUndo } from './merge-undo.ts';
import { ProfileProcessor } from './profile-processor.ts';
import { countRows, createTenant, envelopeOf, liveProfiles } from './profile-test-support.ts';

const at = (minute: number) => new Date(Date.UTC(2024, 2, 1, 9, minute)).toISOString();
type Raw = Record<string, unknown> & { messageId: string; timestamp: string };
const message = (type: string, messageId: string, minute: number, fields: Record<string, unknown>): Raw => ({
  type,
  messageId,
  timestamp: at(minute),
  ...(type === 'track' ? { event: 'Viewed Item' } : {}),
  ...fields,
});

describe.each(testDatabaseEngines())('MergeUndo on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let processor: ProfileProcessor;
  let undo: MergeUndo;

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
    processor = new ProfileProcessor(database, new Outbox());
    undo = new MergeUndo(database, new Outbox());
  });
  afterAll(() => test?.dispose());

  const run = async (tenantId: string, messages: Raw[]) => {
    for (const raw of messages) await processor.process(tenantId, envelopeOf(raw));
  };
  const mergeIds = async (tenantId: string) =>
    (
      await database.tenantTx(tenantId, (tx) =>
        tx.query<{ id: string }>('SELECT id FROM cdp_merges ORDER BY created_at, id'),
      )
    ).rows.map((row) => row.id);

  it('splits a merge back into both profiles exactly as they would be without it', async () => {
    // Ann browses anonymously and gives her e-mail; Ben, on another device, mistypes Ann's e-mail.
    const ann = [
      message('page', 'ann-1', 1, { anonymousId: 'ann-device' }),
      message('identify', 'ann-2', 2, {
        anonymousId: 'ann-device',
        traits: { email: 'ann@acme.io', name: 'Ann' },
      }),
    ];
    const ben = [
      message('page', 'ben-1', 3, { anonymousId: 'ben-device' }),
      message('track', 'ben-2', 4, { anonymousId: 'ben-device', properties: { sku: 'b-1' } }),
    ];
    const trigger = message('identify', 'ben-3', 5, {
      anonymousId: 'ben-device',
      traits: { email: 'ann@acme.io', name: 'Ben' },
    });
    // After the merge: Ben on his device (plus a new cookie he then keeps using), Ann on hers.
    const later = [
      message('track', 'ben-4', 6, { anonymousId: 'ben-device', context: { traits: { city: 'Oslo' } } }),
      message('identify', 'ben-5', 7, { anonymousId: 'ben-device', userId: 'ben', traits: { plan: 'pro' } }),
      message('track', 'ben-6', 8, { userId: 'ben' }),
      message('track', 'ann-3', 9, { anonymousId: 'ann-device' }),
    ];

    const tenant = await createTenant(database);
    await run(tenant, [...ann, ...ben, trigger, ...later]);
    const merged = await liveProfiles(database, tenant);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.eventCount).toBe(9);

    const [mergeId] = await mergeIds(tenant);
    const result = await undo.undo(tenant, mergeId!);
    expect(result.merge.undoneAt).not.toBeNull();

    // Without the merge: Ann's side keeps the trigger (it stays with the survivor), Ben's side gets
    // back his own events and the later ones that carry his identities.
    const control = await createTenant(database);
    await run(control, [
      ...ann,
      { ...trigger, anonymousId: 'ann-device' },
      later[3]!,
      ...ben,
      ...later.slice(0, 3),
    ]);
    expect(await liveProfiles(database, tenant)).toEqual(await liveProfiles(database, control));
    expect(await liveProfiles(database, tenant)).toEqual([
      expect.objectContaining({
        identities: ['anonymous_id:ann-device', 'email:ann@acme.io'],
        traits: { email: 'ann@acme.io', name: 'Ben' },
        eventCount: 4,
      }),
      expect.objectContaining({
        identities: ['anonymous_id:ben-device', 'user_id:ben'],
        traits: { city: 'Oslo', plan: 'pro' },
        eventCount: 5,
      }),
    ]);

    await expect(undo.undo(tenant, mergeId!)).rejects.toThrow(ConflictError);
    await expect(undo.undo(tenant, mergeId!)).rejects.toThrow(/already undone/);
  });

  it('refuses to undo a merge whose survivor was merged later, until that one is undone', async () => {
    const tenant = await createTenant(database);
    await run(tenant, [
      message('page', 'c-1', 0, { anonymousId: 'oldest' }),
      message('identify', 'c-2', 1, { anonymousId: 'middle', traits: { email: 'cy@acme.io' } }),
      message('page', 'c-3', 2, { anonymousId: 'newest' }),
      message('identify', 'c-4', 3, { anonymousId: 'newest', traits: { email: 'cy@acme.io' } }),
      message('identify', 'c-5', 4, { anonymousId: 'oldest', traits: { email: 'cy@acme.io', name: 'Cy' } }),
    ]);
    const [first, second] = await mergeIds(tenant);
    expect(await liveProfiles(database, tenant)).toHaveLength(1);

    await expect(undo.undo(tenant, first!)).rejects.toThrow(`(merge ${second}); undo that merge first`);
    await undo.undo(tenant, second!);
    await undo.undo(tenant, first!);
    const profiles = await liveProfiles(database, tenant);
    expect(profiles.map((profile) => [profile.identities, profile.eventCount])).toEqual([
      [['anonymous_id:middle', 'email:cy@acme.io'], 2],
      [['anonymous_id:newest'], 1],
      [['anonymous_id:oldest'], 2],
    ]);
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_events')).toBe(5);
  });
});
