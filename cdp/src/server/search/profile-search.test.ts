import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashingEmbeddingProvider } from '@orchestrator/shared/ai';
import { Outbox } from '@orchestrator/shared/bus';
import { createLogger } from '@orchestrator/shared/logging';
import type { Database, EmbeddingProvider } from '@orchestrator/shared/ports';
import { embeddedTestDatabase, type TestDatabase } from '@orchestrator/shared/testing';
import { ProfileProcessor } from '../profiles/profile-processor.ts';
import { createTenant, envelopeOf } from '../profiles/profile-test-support.ts';
import { EmbeddingJobQueue } from './embedding-job-queue.ts';
import { EmbeddingJobRunner } from './embedding-job-runner.ts';
import { ProfileSearch } from './profile-search.ts';
import { EmbeddingDimensionsMismatchError } from './search-errors.ts';
import { detectVectorSupport } from './vector-support.ts';

const silent = createLogger({ level: 'silent' });

describe('ProfileSearch on pglite', () => {
  let test: TestDatabase;
  let database: Database;
  let tenant: string;
  const provider = new HashingEmbeddingProvider();
  const searchWith = (embeddings: EmbeddingProvider) =>
    new ProfileSearch({ database, embeddings, logger: silent });

  beforeAll(async () => {
    test = await embeddedTestDatabase.create();
    database = test.database;
    tenant = await createTenant(database);
    const processor = new ProfileProcessor(database, new Outbox());
    await processor.process(
      tenant,
      envelopeOf({
        type: 'track',
        event: 'Support Ticket Created',
        properties: { subject: 'Question about my invoice' },
        userId: 'ann',
        messageId: 'm1',
        timestamp: '2024-01-01T10:00:00Z',
      }),
    );
    const support = await database.systemTx((tx) => detectVectorSupport(tx));
    await database.systemTx((tx) => new EmbeddingJobQueue().requestMissing(tx, provider.model));
    await new EmbeddingJobRunner(database, { support: support!, provider }, silent).runOnce();
  });
  afterAll(() => test?.dispose());

  it('fuses the vector and the text ranking', async () => {
    const answer = await searchWith(provider).search(tenant, { query: 'asked about an invoice', limit: 5 });
    expect(answer).toMatchObject({ mode: 'hybrid', notice: null });
    expect(answer.items).toHaveLength(1);
    expect(answer.items[0]).toMatchObject({ matchedBy: ['vector', 'text'], profile: { eventCount: 1 } });
  });

  it('answers from full text, saying so, when the query cannot be embedded', async () => {
    const down: EmbeddingProvider = {
      model: provider.model,
      dimensions: provider.dimensions,
      embed: async () => {
        throw new Error('OpenAI: connection refused');
      },
    };
    const answer = await searchWith(down).search(tenant, { query: 'invoice', limit: 5 });
    expect(answer.mode).toBe('text');
    expect(answer.notice).toContain('OpenAI: connection refused');
    expect(answer.items.map((item) => item.matchedBy)).toEqual([['text']]);
  });

  it('refuses a provider whose dimension does not fit the column, with a 503', async () => {
    const search = searchWith(new HashingEmbeddingProvider({ dimensions: 256 }));
    const failure = await search
      .search(tenant, { query: 'invoice', limit: 5 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmbeddingDimensionsMismatchError);
    expect(failure).toMatchObject({ status: 503, code: 'embedding-dimensions-mismatch' });
  });
});
