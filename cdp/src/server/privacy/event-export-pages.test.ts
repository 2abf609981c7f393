import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '@orchestrator/shared/bus';
import type { Database } from '@orchestrator/shared/ports';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import { ProfileProcessor } from '../profiles/profile-processor.ts';
import { createTenant, envelopeOf } from '../profiles/profile-test-support.ts';
import { eventExportPages } from './event-export-pages.ts';

describe.each(testDatabaseEngines())('eventExportPages on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
  });
  afterAll(() => test?.dispose());

  it('pages through a long timeline once, in time order, ties at one instant included', async () => {
    const tenant = await createTenant(database);
    await new ProfileProcessor(database, new Outbox()).process(
      tenant,
      envelopeOf({
        type: 'page',
        messageId: 'first',
        anonymousId: 'long-timeline',
        timestamp: '2024-01-01T00:00:00Z',
      }),
    );
    // 1,200 more, three per microsecond-precise instant: page boundaries fall inside ties.
    await database.tenantTx(tenant, async (tx) => {
      await tx.query(
        `INSERT INTO cdp_events (tenant_id, source_id, message_id, type, profile_id, "timestamp", received_at)
         SELECT $1, 'bulk', 'bulk-' || n, 'track',
                (SELECT profile_id FROM cdp_events WHERE message_id = 'first'),
                '2024-01-02T00:00:00Z'::timestamptz + (n / 3) * interval '1 microsecond', now()
         FROM generate_series(1, 1200) AS n`,
        [tenant],
      );
    });
    const profileId = (
      await database.tenantTx(tenant, (tx) =>
        tx.query<{ profile_id: string }>(`SELECT profile_id FROM cdp_events WHERE message_id = 'first'`),
      )
    ).rows[0]!.profile_id;

    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of eventExportPages(database, tenant, [profileId])) {
      pages.push(page.length);
      seen.push(...page.map((event) => String(event.messageId)));
    }
    expect(seen).toHaveLength(1201);
    expect(new Set(seen).size).toBe(1201);
    expect(seen[0]).toBe('first');
    expect(pages.length).toBeGreaterThan(2);
  });
});
