import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@orchestrator/shared/ports';
import { embeddedTestDatabase, type TestDatabase } from '@orchestrator/shared/testing';
import { createTenant, publishTestFlow, testNode } from './executor-test-support.ts';
import { RunGraphs } from './run-graphs.ts';

describe('the graphs runs execute', () => {
  let test: TestDatabase;
  let tenantId: string;
  let statements = 0;
  /** The test database, counting the statements RunGraphs runs on its own. */
  let counted: Database;
  beforeAll(async () => {
    test = await embeddedTestDatabase.create();
    tenantId = await createTenant(test.database);
    counted = Object.assign(Object.create(test.database) as Database, {
      systemQuery: (sql: string, params?: readonly unknown[]) => {
        statements += 1;
        return test.database.systemQuery(sql, params);
      },
    });
  });
  afterAll(() => test?.dispose());

  const run = (flowId: string, version: number) => ({
    flowId,
    version,
    test: false,
    testGraph: null,
    testSettings: null,
  });

  it('loads a version once, however many runs of a burst ask for it at the same time', async () => {
    const flowId = await publishTestFlow(test.database, tenantId, {
      nodes: [testNode('trigger', 'trigger.event', { event: 'Signed Up' })],
      edges: [],
    });
    const graphs = new RunGraphs(counted);
    statements = 0;
    const loaded = await Promise.all(Array.from({ length: 50 }, () => graphs.of(run(flowId, 1))));
    expect(statements).toBe(1);
    expect(new Set(loaded).size).toBe(1);
    expect(loaded[0]?.graph.node('trigger')?.type).toBe('trigger.event');
    expect(loaded[0]?.signingSecret).toEqual(expect.any(String));
    // Later runs of the version: from the cache.
    await graphs.of(run(flowId, 1));
    expect(statements).toBe(1);
  });

  it('does not remember a version it did not find', async () => {
    const graphs = new RunGraphs(counted);
    const missing = randomUUID();
    statements = 0;
    expect(await graphs.of(run(missing, 1))).toBeUndefined();
    expect(await graphs.of(run(missing, 1))).toBeUndefined();
    expect(statements).toBe(2);
  });
});
