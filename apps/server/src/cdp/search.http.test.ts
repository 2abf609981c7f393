import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import { eventually, testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { basicAuth, newSource, type TestSource } from './ingest-test-kit.ts';

const at = (minute: number) => new Date(Date.UTC(2024, 5, 1, 9, minute)).toISOString();

interface Hit {
  profile: { id: string; traits: Record<string, unknown> };
  score: number;
  matchedBy: string[];
  similarity: number | null;
}

describe.each(testDatabaseEngines())('CDP semantic profile search on $name', (engine) => {
  let suite: RunningSuite;
  let acme: TestSource;
  let other: TestSource;
  const hybrid = engine.name === 'pglite';

  /** Through the public Segment ingest, as a website or an SDK would send them. */
  const ingest = async (source: TestSource, batch: Array<Record<string, unknown>>) => {
    const response = await call(suite, 'POST', '/v1/batch', {
      body: { batch },
      headers: { authorization: basicAuth(source.writeKey) },
    });
    expect(response.status).toBe(200);
  };
  const search = (source: TestSource, query: string, limit?: number) =>
    call(suite, 'POST', '/api/v1/cdp/profiles/search', { token: source.token, body: { query, limit } });
  const names = (items: Hit[]) => items.map((item) => item.profile.traits.name);
  /** Waits until the search answers with `first` in first place (documents are refreshed asynchronously). */
  const searchUntil = (source: TestSource, query: string, check: (items: Hit[]) => void) =>
    eventually(async () => {
      const { status, body } = await search(source, query);
      expect(status).toBe(200);
      check(body.items);
      return body as { mode: string; notice: string | null; items: Hit[] };
    }, 30_000);
  const profileIdOf = (source: TestSource, q: string) =>
    eventually(async () => {
      const { body } = await call(suite, 'GET', `/api/v1/cdp/profiles?q=${encodeURIComponent(q)}`, {
        token: source.token,
      });
      expect(body.items).toHaveLength(1);
      return body.items[0].id as string;
    }, 30_000);
  const documentHash = async (profileId: string) => {
    const database = await resolve(suite.container, TOKENS.Database);
    return database.systemTx(async (tx) => {
      const { rows } = await tx.query<{ document: string; document_hash: string }>(
        'SELECT document, document_hash FROM cdp_profile_documents WHERE profile_id = $1',
        [profileId],
      );
      const embedding = hybrid
        ? (
            await tx.query<{ document_hash: string }>(
              'SELECT document_hash FROM cdp_profile_embeddings WHERE profile_id = $1',
              [profileId],
            )
          ).rows[0]?.document_hash
        : undefined;
      return { document: rows[0]?.document, hash: rows[0]?.document_hash, embedded: embedding };
    });
  };

  beforeAll(async () => {
    suite = await startTestSuite(engine);
    acme = await newSource(suite);
    other = await newSource(suite);
    await ingest(acme, [
      {
        type: 'identify',
        messageId: 'ann-1',
        userId: 'ann',
        traits: { name: 'Ann Archer', email: 'ann@acme.io', plan: 'pro' },
        timestamp: at(1),
      },
      {
        type: 'track',
        messageId: 'ann-2',
        userId: 'ann',
        event: 'Support Ticket Created',
        properties: { subject: 'Question about my invoice', priority: 'normal' },
        timestamp: at(2),
      },
      {
        type: 'identify',
        messageId: 'bob-1',
        userId: 'bob',
        traits: { name: 'Bob Baker', email: 'bob@acme.io' },
        timestamp: at(3),
      },
      {
        type: 'page',
        messageId: 'bob-2',
        userId: 'bob',
        name: 'Pricing',
        properties: { url: 'https://acme.io/pricing' },
        timestamp: at(4),
      },
      {
        type: 'track',
        messageId: 'bob-3',
        userId: 'bob',
        event: 'Plans Compared',
        properties: { plans: ['Team', 'Business'] },
        timestamp: at(5),
      },
      {
        type: 'identify',
        messageId: 'cleo-1',
        userId: 'cleo',
        traits: { name: 'Cleo Carter', email: 'cleo@acme.io' },
        timestamp: at(6),
      },
      {
        type: 'track',
        messageId: 'cleo-2',
        userId: 'cleo',
        event: 'Form Submitted',
        properties: {
          form: 'Delivery inquiry',
          answers: [{ question: 'What can we help with?', answer: 'Shipping to Norway takes too long' }],
        },
        timestamp: at(7),
      },
    ]);
    // The other workspace has an invoice question of its own, which Acme must never see.
    await ingest(other, [
      {
        type: 'track',
        messageId: 'zed-1',
        userId: 'zed',
        event: 'Support Ticket Created',
        properties: { subject: 'Invoice missing' },
        traits: {},
        timestamp: at(1),
      },
      {
        type: 'identify',
        messageId: 'zed-2',
        userId: 'zed',
        traits: { name: 'Zed Zimmer' },
        timestamp: at(2),
      },
    ]);
  });
  afterAll(() => suite?.close());

  it('finds the customer who asked about invoices first, by meaning and by words', async () => {
    const answer = await searchUntil(acme, 'customers who asked about invoices', (items) => {
      expect(items[0]?.profile.traits.name).toBe('Ann Archer');
      expect(items[0]?.matchedBy).toEqual(hybrid ? ['vector', 'text'] : ['text']);
    });
    expect(answer.mode).toBe(hybrid ? 'hybrid' : 'text');
    const [first, ...rest] = answer.items;
    for (const item of rest) expect(item.score).toBeLessThan(first!.score);
    if (hybrid) {
      expect(answer.notice).toBeNull();
      expect(first!.similarity).toBeGreaterThan(0);
      expect(rest.every((item) => (item.similarity ?? 0) < first!.similarity!)).toBe(true);
    } else {
      // Full text alone matches only the words, and the answer says what it could not do.
      expect(names(answer.items)).toEqual(['Ann Archer']);
      expect(answer.notice).toMatch(/no pgvector/);
      expect(first!.similarity).toBeNull();
    }

    await searchUntil(acme, 'people looking at pricing plans', (items) => {
      expect(items[0]?.profile.traits.name).toBe('Bob Baker');
    });
    await searchUntil(acme, 'shipping complaints', (items) => {
      expect(items[0]?.profile.traits.name).toBe('Cleo Carter');
    });
    const exact = await search(acme, 'bob@acme.io', 1);
    expect(names(exact.body.items)).toEqual(['Bob Baker']);
  });

  it('refreshes a profile’s document and embedding after it does something new', async () => {
    const bob = await profileIdOf(acme, 'bob@acme.io');
    const before = await eventually(async () => {
      const stored = await documentHash(bob);
      expect(stored.hash).toBeDefined();
      if (hybrid) expect(stored.embedded).toBe(stored.hash);
      return stored;
    }, 30_000);

    await ingest(acme, [
      {
        type: 'track',
        messageId: 'bob-4',
        userId: 'bob',
        event: 'Support Ticket Created',
        properties: { subject: 'Refund for a double charge' },
        timestamp: at(8),
      },
    ]);
    const after = await eventually(async () => {
      const stored = await documentHash(bob);
      expect(stored.hash).not.toBe(before.hash);
      if (hybrid) expect(stored.embedded).toBe(stored.hash);
      return stored;
    }, 30_000);
    expect(after.document).toContain('Refund for a double charge');
    await searchUntil(acme, 'customers wanting a refund', (items) => {
      expect(items[0]?.profile.id).toBe(bob);
    });
  });

  it('lists a merged customer once, under the surviving profile', async () => {
    await ingest(acme, [
      {
        type: 'track',
        messageId: 'dan-1',
        anonymousId: 'dan-laptop',
        event: 'Support Ticket Created',
        properties: { subject: 'Invoice sent to the wrong address' },
        timestamp: at(10),
      },
      {
        type: 'identify',
        messageId: 'dan-2',
        userId: 'dan',
        traits: { name: 'Dan Dunn' },
        timestamp: at(11),
      },
    ]);
    const laptop = await profileIdOf(acme, 'dan-laptop');
    const dan = await profileIdOf(acme, 'Dunn');
    await searchUntil(acme, 'invoice sent to the wrong address', (items) =>
      expect(items[0]?.profile.id).toBe(laptop),
    );
    await ingest(acme, [
      { type: 'identify', messageId: 'dan-3', userId: 'dan', anonymousId: 'dan-laptop', timestamp: at(12) },
    ]);
    const answer = await searchUntil(acme, 'invoice sent to the wrong address', (items) => {
      const dans = items.filter((item) => item.profile.id === laptop || item.profile.id === dan);
      expect(dans).toHaveLength(1);
      // The survivor carries both sides: Dan's name and the anonymous laptop's ticket.
      expect(items[0]).toBe(dans[0]);
      expect(items[0]!.profile.traits.name).toBe('Dan Dunn');
    });
    const ids = answer.items.map((item) => item.profile.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('walls workspaces apart', async () => {
    await searchUntil(other, 'invoice', (items) => expect(names(items)).toEqual(['Zed Zimmer']));
    const acmeAnswer = await search(acme, 'invoice missing', 50);
    expect(names(acmeAnswer.body.items)).not.toContain('Zed Zimmer');
    const otherAnswer = await search(other, 'pricing shipping Ann Archer Bob Baker', 50);
    expect(otherAnswer.body.items.length).toBeLessThanOrEqual(1);
    expect(names(otherAnswer.body.items).filter((name) => name !== 'Zed Zimmer')).toEqual([]);
  });

  it('validates the request and requires a signed-in member', async () => {
    const blank = await search(acme, '   ');
    expect(blank).toMatchObject({
      status: 422,
      body: { errors: [expect.objectContaining({ field: 'body.query' })] },
    });
    expect((await search(acme, 'x', 0)).status).toBe(422);
    expect((await search(acme, 'x', 51)).status).toBe(422);
    const anonymous = await call(suite, 'POST', '/api/v1/cdp/profiles/search', {
      body: { query: 'invoice' },
    });
    expect(anonymous.status).toBe(401);
    // The profiles router's GET /profiles/:id is not in the way of this POST, and still works.
    expect((await call(suite, 'GET', '/api/v1/cdp/profiles/search', { token: acme.token })).status).toBe(422);
  });
});
