import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '@orchestrator/shared/bus';
import { SystemClock } from '@orchestrator/shared/clock';
import type { Database } from '@orchestrator/shared/ports';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import { MergeUndo } from '../profiles/merge-undo.ts';
import { isTransientFailure } from '../profiles/processing-failures.ts';
import { ProfileProcessor } from '../profiles/profile-processor.ts';
import { countRows, createTenant, envelopeOf } from '../profiles/profile-test-support.ts';
import { ProfileConsentService } from './profile-consents.ts';
import { ProfileEraser } from './profile-eraser.ts';

const at = (minute: number) => new Date(Date.UTC(2024, 3, 1, 9, minute)).toISOString();
type Raw = Record<string, unknown> & { messageId: string; timestamp: string };
const page = (messageId: string, minute: number, fields: Record<string, unknown>): Raw => ({
  type: 'page',
  messageId,
  timestamp: at(minute),
  ...fields,
});
const consent = (preferences: Record<string, boolean>) => ({ consent: { categoryPreferences: preferences } });

describe.each(testDatabaseEngines())('privacy in the profile builder on $name', (engine) => {
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
    for (const raw of messages) outcomes.push(await processor.process(tenantId, envelopeOf(raw)));
    return outcomes;
  };
  const liveIdOf = async (tenantId: string, type: string, value: string) =>
    (
      await database.tenantTx(tenantId, (tx) =>
        tx.query<{ profile_id: string }>(
          'SELECT profile_id FROM cdp_identities WHERE type = $1 AND value = $2',
          [type, value],
        ),
      )
    ).rows[0]?.profile_id;
  const consentOf = (tenantId: string, profileId: string) =>
    database.tenantTx(tenantId, (tx) => new ProfileConsentService().read(tx, profileId));

  it('moves consent with the events: a merge combines it latest-wins, an undo splits it again', async () => {
    const tenant = await createTenant(database);
    await run(tenant, [
      page('c1', 1, { anonymousId: 'laptop-7', context: consent({ Advertising: true, Analytics: true }) }),
      page('c2', 5, { anonymousId: 'mobile-7', context: consent({ Advertising: false }) }),
    ]);
    const laptop = (await liveIdOf(tenant, 'anonymous_id', 'laptop-7'))!;
    expect((await consentOf(tenant, laptop)).purposes.marketing?.status).toBe('granted');

    // One message links both devices: the phone's later denial follows the laptop's grant.
    await run(tenant, [page('c4', 10, { anonymousId: 'mobile-7', userId: 'u-1' })]);
    await run(tenant, [page('c5', 11, { anonymousId: 'laptop-7', userId: 'u-1' })]);
    const merged = (await liveIdOf(tenant, 'user_id', 'u-1'))!;
    expect(await liveIdOf(tenant, 'anonymous_id', 'laptop-7')).toBe(merged);
    expect(await liveIdOf(tenant, 'anonymous_id', 'mobile-7')).toBe(merged);
    const together = await consentOf(tenant, merged);
    expect(together.purposes).toMatchObject({
      marketing: { status: 'revoked', updatedAt: at(5), source: 'context' },
      analytics: { status: 'granted', updatedAt: at(1) },
    });

    const [merge] = (
      await database.tenantTx(tenant, (tx) =>
        tx.query<{ id: string }>('SELECT id FROM cdp_merges WHERE undone_at IS NULL'),
      )
    ).rows;
    const undone = await new MergeUndo(database, new Outbox()).undo(tenant, merge!.id);
    const [survivor, restored] = [
      await consentOf(tenant, undone.survivorId),
      await consentOf(tenant, undone.absorbedId),
    ];
    const sides = [survivor.purposes.marketing?.status, restored.purposes.marketing?.status].sort();
    expect(sides).toEqual(['denied', 'granted']);
  });

  it('drops an old message of an erased person, counts it, and still creates profiles for new ids', async () => {
    const tenant = await createTenant(database);
    await run(tenant, [
      page('e1', 1, { anonymousId: 'anon-e', context: consent({ Analytics: true }) }),
      {
        type: 'identify',
        messageId: 'e2',
        timestamp: at(2),
        anonymousId: 'anon-e',
        userId: 'erin',
        traits: { email: 'erin@acme.io' },
      },
    ]);
    const erin = (await liveIdOf(tenant, 'user_id', 'erin'))!;
    const counts = await new ProfileEraser(database, new Outbox(), new SystemClock()).erase(tenant, erin);
    expect(counts).toMatchObject({ profiles: 1, identities: 3, events: 2, consents: 1, suppressions: 3 });
    // Modules keeping records of her hear of it, on her profile's key, with nothing personal.
    const published = await database.systemTx((tx) =>
      tx.query<{
        topic: string;
        key: string;
        payload: Record<string, unknown>;
        headers: Record<string, string>;
      }>(
        `SELECT topic, key, payload, headers FROM outbox WHERE tenant_id = $1 AND payload->>'type' = 'Profile Deleted'`,
        [tenant],
      ),
    );
    expect(published.rows).toEqual([
      {
        topic: 'cdp.profile-events',
        key: `${tenant}:${erin}`,
        payload: {
          type: 'Profile Deleted',
          profileId: erin,
          erasedIds: [erin],
          timestamp: expect.any(String),
        },
        headers: { 'message-id': `deleted:${erin}` },
      },
    ]);

    const late = await run(tenant, [
      page('e3', 3, { userId: 'erin' }),
      page('e4', 4, { anonymousId: 'new-visitor', context: { traits: { email: 'ERIN@acme.io' } } }),
      page('e5', 5, { anonymousId: 'someone-else' }),
    ]);
    expect(late.map((outcome) => outcome.kind)).toEqual(['suppressed', 'suppressed', 'processed']);
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_events')).toBe(1);
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_profiles')).toBe(1);
    expect(await countRows(database, tenant, 'SELECT sum(dropped_messages) AS n FROM cdp_suppressions')).toBe(
      2,
    );
    // Nothing of the person's values is kept in the suppression list.
    const stored = await database.tenantTx(tenant, (tx) => tx.query('SELECT * FROM cdp_suppressions'));
    expect(JSON.stringify(stored.rows)).not.toMatch(/erin|anon-e/i);
  });

  it('cannot race an erasure: messages processed alongside it never leave the person behind', async () => {
    const tenant = await createTenant(database);
    await run(tenant, [page('r0', 0, { userId: 'racer', anonymousId: 'racer-device' })]);
    const racer = (await liveIdOf(tenant, 'user_id', 'racer'))!;
    const queue = Array.from({ length: 40 }, (_, index) =>
      page(`r${index + 1}`, index + 1, index % 2 ? { userId: 'racer' } : { anonymousId: 'racer-device' }),
    );
    const workers = Array.from({ length: 4 }, async () => {
      const own = new ProfileProcessor(database, new Outbox());
      for (let raw = queue.shift(); raw; raw = queue.shift()) {
        for (;;) {
          try {
            await own.process(tenant, envelopeOf(raw));
            break;
          } catch (error) {
            if (!isTransientFailure(error)) throw error;
          }
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await new ProfileEraser(database, new Outbox(), new SystemClock()).erase(tenant, racer);
    await Promise.all(workers);
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_profiles')).toBe(0);
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_identities')).toBe(0);
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_events')).toBe(0);
  });
});
