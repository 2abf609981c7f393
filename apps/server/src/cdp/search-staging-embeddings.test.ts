import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_EMBEDDING_DIMENSIONS } from '@orchestrator/cdp/contracts';
import { createCdpModule } from '@orchestrator/cdp/server';
import { loadConfig, type Config } from '@orchestrator/shared/config';
import { MIGRATIONS_DIRECTORY, migrate } from '@orchestrator/shared/db';
import { createContainer, resolve, TOKENS, type BindingSet, type Container } from '@orchestrator/shared/di';
import { OpenApiRegistry, type ApiKernel } from '@orchestrator/shared/http';
import type { WorkerHandle } from '@orchestrator/shared/modules';
import type { Database } from '@orchestrator/shared/ports';
import { eventually } from '@orchestrator/shared/testing';
import { localBindings } from '../bindings/local-bindings.ts';
import { stagingEmbeddingProvider } from '../bindings/staging-bindings.ts';

/** Routers are built but not served here; only the workers run. */
const kernel: ApiKernel = {
  openapi: new OpenApiRegistry({ title: 'test', version: '0' }),
  authenticate: (_req, _res, next) => next(),
  rateLimit: (_req, _res, next) => next(),
};

/**
 * The staging embedding binding (OpenAI's client, answered by the MSW OpenAI mock) in the real CDP
 * pipeline on PGlite with pgvector: profile worker → profile events → refresh jobs → OpenAI → column.
 */
describe('profile embeddings through the staging OpenAI binding', () => {
  let config: Config;
  let bindings: BindingSet;
  let container: Container;
  let database: Database;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: 'memory',
      SEED_DEMO: '0',
      LOG_LEVEL: 'silent',
      OPENAI_API_KEY: 'sk-test',
    });
    // Local bindings (PGlite, the Postgres-log bus, MSW for third-party APIs) with staging's embeddings.
    bindings = localBindings();
    container = createContainer(bindings, config);
    container.rebind(TOKENS.EmbeddingProvider).toConstantValue(stagingEmbeddingProvider(config));
    database = await resolve(container, TOKENS.Database);
    await migrate(database, MIGRATIONS_DIRECTORY);
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await (await resolve(container, TOKENS.EventBus)).close();
    await database?.close();
    await bindings?.dispose?.();
  });

  it('stores 384-dimension OpenAI vectors in the embedding column and finds profiles by them', async () => {
    const provider = await resolve(container, TOKENS.EmbeddingProvider);
    expect(provider).toMatchObject({
      model: 'text-embedding-3-small',
      dimensions: PROFILE_EMBEDDING_DIMENSIONS,
    });

    const module = await createCdpModule({ container, kernel });
    for (const worker of module.workers ?? []) {
      const handle: WorkerHandle = await worker.start();
      stops.push(() => handle.stop());
    }
    const relay = await resolve(container, TOKENS.OutboxRelay);
    relay.start();
    stops.push(() => relay.stop());

    const tenantId = randomUUID();
    await database.systemTx((tx) =>
      tx.query(`INSERT INTO tenants (id, name, slug) VALUES ($1, 'Staging', $2)`, [
        tenantId,
        `s-${tenantId.slice(0, 8)}`,
      ]),
    );
    const cdp = await resolve(container, TOKENS.CdpClient);
    await database.tenantTx(tenantId, (tx) =>
      cdp.enqueue(tx, tenantId, [
        {
          type: 'track',
          messageId: 'm1',
          userId: 'ann',
          event: 'Support Ticket Created',
          properties: { subject: 'Question about my invoice' },
        },
        {
          type: 'track',
          messageId: 'm2',
          userId: 'bob',
          event: 'Pricing Viewed',
          properties: { plan: 'Team' },
        },
      ]),
    );

    const rows = await eventually(async () => {
      const { rows } = await database.tenantTx(tenantId, (tx) =>
        tx.query<{ profile_id: string; model: string; dimensions: number; dims: number }>(
          `SELECT profile_id, model, dimensions, vector_dims(embedding) AS dims FROM cdp_profile_embeddings`,
        ),
      );
      expect(rows).toHaveLength(2);
      return rows;
    }, 30_000);
    for (const row of rows) {
      expect(row).toMatchObject({ model: 'text-embedding-3-small', dimensions: 384, dims: 384 });
    }

    const [query] = await provider.embed(['invoice question']);
    const { rows: nearest } = await database.tenantTx(tenantId, (tx) =>
      tx.query<{ user_id: string }>(
        `SELECT i.value AS user_id FROM cdp_profile_embeddings e
         JOIN cdp_identities i ON i.profile_id = e.profile_id AND i.type = 'user_id'
         ORDER BY e.embedding <=> $1::vector LIMIT 1`,
        [`[${query!.join(',')}]`],
      ),
    );
    expect(nearest).toEqual([{ user_id: 'ann' }]);
  });

  it('refuses text-embedding-ada-002, whose fixed 1536 dimensions do not fit the column', async () => {
    const ada = stagingEmbeddingProvider({ ...config, OPENAI_EMBEDDING_MODEL: 'text-embedding-ada-002' });
    expect(ada.dimensions).toBe(1536);
    container.rebind(TOKENS.EmbeddingProvider).toConstantValue(ada);
    const module = await createCdpModule({ container, kernel });
    const worker = module.workers?.find((candidate) => candidate.name === 'cdp-embeddings');
    await expect(worker!.start()).rejects.toThrow(
      'The embedding provider (text-embedding-ada-002) returns 1536 dimensions but cdp_profile_embeddings.embedding holds 384',
    );
  });
});
