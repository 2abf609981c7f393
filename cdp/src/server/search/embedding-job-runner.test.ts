import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashingEmbeddingProvider } from '@orchestrator/shared/ai';
import { Outbox } from '@orchestrator/shared/bus';
import { createLogger } from '@orchestrator/shared/logging';
import type { Database } from '@orchestrator/shared/ports';
import { eventually, testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import { ProfileProcessor } from '../profiles/profile-processor.ts';
import { countRows, createTenant, envelopeOf } from '../profiles/profile-test-support.ts';
import { EmbeddingJobQueue } from './embedding-job-queue.ts';
import { EmbeddingJobRunner } from './embedding-job-runner.ts';
import { profileEmbeddingWorker } from './embedding-worker.ts';
import { EmbeddingDimensionsMismatchError } from './search-errors.ts';
import { assertProviderFits, detectVectorSupport, type VectorSupport } from './vector-support.ts';

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 12, minute)).toISOString();
const silent = createLogger({ level: 'silent' });

describe.each(testDatabaseEngines())('profile search documents on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let processor: ProfileProcessor;
  let support: VectorSupport | null;
  let runner: EmbeddingJobRunner;
  const queue = new EmbeddingJobQueue();
  const provider = new HashingEmbeddingProvider();

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
    processor = new ProfileProcessor(database, new Outbox());
    support = await database.systemTx((tx) => detectVectorSupport(tx));
    runner = new EmbeddingJobRunner(database, support && { support, provider }, silent);
  });
  afterAll(() => test?.dispose());

  const send = async (
    tenantId: string,
    raw: Record<string, unknown> & { messageId: string; timestamp: string },
  ) => processor.process(tenantId, envelopeOf(raw));
  const profileIdOf = async (tenantId: string, messageId: string) => {
    const { rows } = await database.tenantTx(tenantId, (tx) =>
      tx.query<{ profile_id: string }>('SELECT profile_id FROM cdp_events WHERE message_id = $1', [
        messageId,
      ]),
    );
    return rows[0]!.profile_id;
  };
  const request = (tenantId: string, ...profileIds: string[]) =>
    database.systemTx((tx) =>
      queue.request(
        tx,
        profileIds.map((profileId) => ({ tenantId, profileId })),
      ),
    );
  const documentOf = async (tenantId: string, profileId: string) => {
    const { rows } = await database.tenantTx(tenantId, (tx) =>
      tx.query<{ document: string }>('SELECT document FROM cdp_profile_documents WHERE profile_id = $1', [
        profileId,
      ]),
    );
    return rows[0]?.document;
  };

  it('finds pgvector exactly where the database has it', () => {
    if (engine.name === 'pglite') expect(support).toEqual({ dimensions: 384, iterativeScan: true });
    else expect(support === null || support.dimensions === 384).toBe(true);
  });

  it('builds documents, embeds them (with pgvector), skips unchanged ones and re-embeds changed ones', async () => {
    const tenant = await createTenant(database);
    await send(tenant, {
      type: 'identify',
      messageId: 'a1',
      userId: 'ann',
      traits: { name: 'Ann', email: 'ann@x.io' },
      timestamp: at(1),
    });
    await send(tenant, {
      type: 'track',
      event: 'Support Ticket Created',
      properties: { subject: 'Question about my invoice' },
      messageId: 'a2',
      userId: 'ann',
      timestamp: at(2),
    });
    await send(tenant, {
      type: 'page',
      name: 'Pricing',
      messageId: 'b1',
      anonymousId: 'bob-web',
      timestamp: at(3),
    });
    const ann = await profileIdOf(tenant, 'a1');
    const bob = await profileIdOf(tenant, 'b1');

    await request(tenant, ann, bob, ann);
    const first = await runner.runOnce();
    const embedded = support ? 2 : 0;
    expect(first).toEqual({ claimed: 2, documentsWritten: 2, embedded, deleted: 0, requeued: 0 });
    expect(await documentOf(tenant, ann)).toContain(
      'Support Ticket Created — subject: Question about my invoice',
    );
    expect(await documentOf(tenant, bob)).toBe('recent activity:\n- viewed page Pricing');
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_embedding_jobs')).toBe(0);
    if (support) {
      const { rows } = await database.tenantTx(tenant, (tx) =>
        tx.query<{ model: string; dims: number }>(
          'SELECT model, vector_dims(embedding) AS dims FROM cdp_profile_embeddings ORDER BY profile_id',
        ),
      );
      expect(rows).toEqual([
        { model: provider.model, dims: 384 },
        { model: provider.model, dims: 384 },
      ]);
    }

    await request(tenant, ann, bob);
    expect(await runner.runOnce()).toEqual({
      claimed: 2,
      documentsWritten: 0,
      embedded: 0,
      deleted: 0,
      requeued: 0,
    });

    await send(tenant, {
      type: 'track',
      event: 'Invoice Paid',
      messageId: 'a3',
      userId: 'ann',
      timestamp: at(4),
    });
    await request(tenant, ann);
    expect(await runner.runOnce()).toMatchObject({ documentsWritten: 1, embedded: support ? 1 : 0 });
    expect(await documentOf(tenant, ann)).toMatch(
      /recent activity:\n- Invoice Paid\n- Support Ticket Created/,
    );
    expect((await runner.runOnce()).claimed).toBe(0);
  });

  it('drops the documents of a profile merged away and folds its activity into the survivor', async () => {
    const tenant = await createTenant(database);
    await send(tenant, {
      type: 'identify',
      messageId: 'c1',
      userId: 'cy',
      traits: { email: 'cy@x.io' },
      timestamp: at(1),
    });
    await send(tenant, {
      type: 'page',
      name: 'Shipping',
      messageId: 'c2',
      anonymousId: 'cy-phone',
      timestamp: at(2),
    });
    const survivor = await profileIdOf(tenant, 'c1');
    const absorbed = await profileIdOf(tenant, 'c2');
    await request(tenant, survivor, absorbed);
    await runner.runOnce();
    expect(await documentOf(tenant, absorbed)).toBe('recent activity:\n- viewed page Shipping');

    await send(tenant, {
      type: 'identify',
      messageId: 'c3',
      userId: 'cy',
      anonymousId: 'cy-phone',
      timestamp: at(3),
    });
    await request(tenant, survivor, absorbed);
    expect(await runner.runOnce()).toMatchObject({ deleted: 1, documentsWritten: 1 });
    expect(await documentOf(tenant, absorbed)).toBeUndefined();
    expect(await documentOf(tenant, survivor)).toContain('viewed page Shipping');
    if (support) {
      expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_profile_embeddings')).toBe(1);
    }
  });

  it('leases claimed jobs, and leaves a job requested again meanwhile for the next round', async () => {
    const tenant = await createTenant(database);
    await send(tenant, { type: 'page', name: 'Home', messageId: 'd1', anonymousId: 'dee', timestamp: at(1) });
    const dee = await profileIdOf(tenant, 'd1');
    await request(tenant, dee);
    const [claimed] = await database.systemTx((tx) => queue.claim(tx, 10, 60));
    expect(claimed).toMatchObject({ tenantId: tenant, profileId: dee });
    expect(await database.systemTx((tx) => queue.claim(tx, 10, 60))).toEqual([]);

    await request(tenant, dee);
    expect(await database.tenantTx(tenant, (tx) => queue.lockClaimed(tx, [claimed!]))).toEqual(new Set());
    await database.tenantTx(tenant, (tx) => queue.release(tx, tenant, [dee]));
    expect(await runner.runOnce()).toMatchObject({ claimed: 1, documentsWritten: 1, requeued: 0 });
  });

  it('finishes a round without a deadlock while a request waits on the jobs it claimed', async () => {
    const tenant = await createTenant(database);
    await send(tenant, { type: 'page', name: 'Home', messageId: 'k1', anonymousId: 'kim', timestamp: at(1) });
    await send(tenant, { type: 'page', name: 'Home', messageId: 'k2', anonymousId: 'kai', timestamp: at(1) });
    const [first, second] = [await profileIdOf(tenant, 'k1'), await profileIdOf(tenant, 'k2')].sort();
    await request(tenant, first!, second!);
    const claimed = await database.systemTx((tx) => queue.claim(tx, 10, 60));
    expect(claimed).toHaveLength(2);
    await request(tenant, first!);

    // A request for both arrives while the round holds its claim. Had the round locked only the
    // unchanged job, the request would take `first` and wait for `second`, and the round's release
    // of `first` would wait for the request: a deadlock, which PostgreSQL breaks by failing one.
    // Started from outside the round's transaction (a nested one is refused), once it holds its locks.
    let startRequest!: () => void;
    const concurrent = new Promise<void>((resolve) => (startRequest = resolve)).then(() =>
      request(tenant, first!, second!),
    );
    await database.tenantTx(tenant, async (tx) => {
      expect(await queue.lockClaimed(tx, claimed)).toEqual(new Set([second]));
      startRequest();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await queue.complete(tx, tenant, [second!]);
      await queue.release(tx, tenant, [first!]);
    });
    await concurrent;
    const { rows } = await database.tenantTx(tenant, (tx) =>
      tx.query<{ profile_id: string; claimed: boolean }>(
        'SELECT profile_id, claimed_until IS NOT NULL AS claimed FROM cdp_embedding_jobs ORDER BY profile_id',
      ),
    );
    expect(rows).toEqual([
      { profile_id: first, claimed: false },
      { profile_id: second, claimed: false },
    ]);
    expect(await runner.runOnce()).toMatchObject({ claimed: 2, documentsWritten: 2 });
  });

  it('queues profiles without a document at start, and skips requests for profiles that do not exist', async () => {
    const tenant = await createTenant(database);
    await send(tenant, { type: 'page', name: 'Blog', messageId: 'e1', anonymousId: 'eve', timestamp: at(1) });
    await request(tenant, '00000000-0000-4000-8000-000000000000');
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_embedding_jobs')).toBe(0);
    expect(await database.systemTx((tx) => queue.requestMissing(tx, support ? provider.model : null))).toBe(
      1,
    );
    await runner.runOnce();
    expect(await database.systemTx((tx) => queue.requestMissing(tx, support ? provider.model : null))).toBe(
      0,
    );
  });

  // Embeddings exist only where pgvector does (PGlite here; the PostgreSQL 15 server has none).
  if (engine.name === 'pglite')
    it('keeps documents fresh while the embedding service fails, and embeds once it is back', async () => {
      const tenant = await createTenant(database);
      await send(tenant, {
        type: 'track',
        event: 'Refund Requested',
        messageId: 'f1',
        userId: 'fay',
        timestamp: at(1),
      });
      const fay = await profileIdOf(tenant, 'f1');
      const down = {
        model: provider.model,
        dimensions: provider.dimensions,
        embed: async () => {
          throw new Error('embedding service unavailable');
        },
      };
      const failing = new EmbeddingJobRunner(database, { support: support!, provider: down }, silent, {
        leaseSeconds: 0,
      });
      await request(tenant, fay);
      await expect(failing.runOnce()).rejects.toThrow('embedding service unavailable');
      expect(await documentOf(tenant, fay)).toBe(
        'identities: user id fay\nrecent activity:\n- Refund Requested',
      );
      expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_embedding_jobs')).toBe(1);

      expect(await runner.runOnce()).toMatchObject({ claimed: 1, documentsWritten: 0, embedded: 1 });
      expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_embedding_jobs')).toBe(0);
    });

  it('holds a job for the delay after the request that queued it; later requests do not postpone it', async () => {
    const tenant = await createTenant(database);
    await send(tenant, { type: 'page', name: 'Home', messageId: 'g1', anonymousId: 'gus', timestamp: at(1) });
    const gus = await profileIdOf(tenant, 'g1');
    const delayed = new EmbeddingJobQueue({ delayMs: 60_000 });
    const requestDelayed = () =>
      database.systemTx((tx) => delayed.request(tx, [{ tenantId: tenant, profileId: gus }]));
    const job = async () =>
      (
        await database.systemTx((tx) =>
          tx.query<{ due: string; requested: string; gap: number }>(
            `SELECT due_at::text AS due, requested_at::text AS requested,
                    extract(epoch FROM due_at - requested_at)::float8 AS gap
             FROM cdp_embedding_jobs WHERE profile_id = $1`,
            [gus],
          ),
        )
      ).rows[0]!;

    await requestDelayed();
    const queued = await job();
    expect(Number(queued.gap)).toBe(60);
    expect(await database.systemTx((tx) => delayed.claim(tx, 10, 60))).toEqual([]);
    const wait = await database.systemTx((tx) => delayed.untilNextDue(tx));
    expect(wait).toBeGreaterThan(50_000);
    expect(wait).toBeLessThanOrEqual(60_000);

    await requestDelayed();
    const again = await job();
    expect(again.due).toBe(queued.due);
    expect(again.requested > queued.requested).toBe(true);

    // Once due and claimed, a new request while it is worked on gives it back due a delay later.
    await database.systemTx((tx) =>
      tx.query('UPDATE cdp_embedding_jobs SET due_at = now() WHERE profile_id = $1', [gus]),
    );
    const claimed = await database.systemTx((tx) => delayed.claim(tx, 10, 60));
    expect(claimed.map((entry) => entry.profileId)).toEqual([gus]);
    await requestDelayed();
    await database.tenantTx(tenant, async (tx) => {
      expect(await delayed.lockClaimed(tx, claimed)).toEqual(new Set());
      await delayed.release(tx, tenant, [gus]);
    });
    expect(Number((await job()).gap)).toBe(60);
    expect(await database.systemTx((tx) => delayed.claim(tx, 10, 60))).toEqual([]);
    await database.systemTx((tx) => tx.query('DELETE FROM cdp_embedding_jobs WHERE profile_id = $1', [gus]));
  });

  it('refreshes a profile when the delay after its first change is over, with every change made meanwhile', async () => {
    const tenant = await createTenant(database);
    await send(tenant, {
      type: 'page',
      name: 'Pricing',
      messageId: 'h1',
      anonymousId: 'hal',
      timestamp: at(1),
    });
    const hal = await profileIdOf(tenant, 'h1');
    const delayMs = 1500;
    const delayed = new EmbeddingJobQueue({ delayMs });
    // Polling once a minute: only the announced requests (kick) can wake it in time.
    const looping = new EmbeddingJobRunner(database, support && { support, provider }, silent, {
      refreshDelayMs: delayMs,
      pollIntervalMs: 60_000,
      settleMs: 0,
    });
    const requestAndKick = async () => {
      await database.systemTx((tx) => delayed.request(tx, [{ tenantId: tenant, profileId: hal }]));
      looping.kick();
    };
    looping.start();
    try {
      const firstRequest = Date.now();
      await requestAndKick();
      await send(tenant, {
        type: 'track',
        event: 'Invoice Disputed',
        messageId: 'h2',
        anonymousId: 'hal',
        timestamp: at(2),
      });
      await requestAndKick();
      const document = await eventually(async () => {
        const written = await documentOf(tenant, hal);
        expect(written).toBeDefined();
        return written!;
      }, 15_000);
      expect(Date.now() - firstRequest).toBeGreaterThanOrEqual(delayMs - 20);
      expect(document).toContain('Invoice Disputed');
      expect(document).toContain('Pricing');
      await eventually(async () =>
        expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_embedding_jobs')).toBe(0),
      );
    } finally {
      await looping.stop();
    }
  });

  // Embeddings exist only where pgvector does (PGlite here; the PostgreSQL 15 server has none).
  if (engine.name === 'pglite')
    it('refuses an embedding provider whose dimension does not fit the column', async () => {
      const wrong = new HashingEmbeddingProvider({ dimensions: 256 });
      expect(() => assertProviderFits(support!, wrong)).toThrow(EmbeddingDimensionsMismatchError);
      const worker = profileEmbeddingWorker({
        database,
        bus: {
          publish: async () => {},
          subscribe: async () => ({ stop: async () => {} }),
          close: async () => {},
        },
        embeddings: wrong,
        logger: silent,
      });
      await expect(worker.start()).rejects.toThrow(
        /returns 256 dimensions but cdp_profile_embeddings\.embedding holds 384/,
      );
    });
});
