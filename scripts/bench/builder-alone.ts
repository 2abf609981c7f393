/** The profile builder alone: no HTTP, no bus — what one consumer's transactions can do. */
import type { CdpEnvelope, NormalizedMessage } from '@orchestrator/cdp/contracts';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import type { Database } from '@orchestrator/shared/ports';
import { ProfileProcessor } from '@orchestrator/cdp/server';
import type { RunningSuite } from '@orchestrator/server';
import { workload, type WorkloadOptions } from './cdp-workload.ts';
import { BUILDER_CHUNK, now } from './bench-options.ts';
import type { Workspace } from './bench-workspace.ts';
import { round } from './load-phase.ts';

export interface BuilderResult {
  events: number;
  chunkSize: number;
  seconds: number;
  eventsPerSecond: number;
}

export async function measureBuilder(
  suite: RunningSuite,
  workspace: Workspace,
  options: WorkloadOptions,
): Promise<BuilderResult> {
  const database = await resolve(suite.container, TOKENS.Database);
  const outbox = await resolve(suite.container, TOKENS.Outbox);
  const processor = new ProfileProcessor(database, outbox);
  const receivedAt = new Date().toISOString();
  const envelopes: CdpEnvelope[] = [...workload(options)].map((message) => ({
    sourceId: workspace.sourceId,
    receivedAt,
    message: message as unknown as NormalizedMessage,
  }));
  const started = now();
  for (let start = 0; start < envelopes.length; start += BUILDER_CHUNK) {
    await processor.processBatch(workspace.tenantId, envelopes.slice(start, start + BUILDER_CHUNK));
  }
  const seconds = (now() - started) / 1000;
  return {
    events: envelopes.length,
    chunkSize: BUILDER_CHUNK,
    seconds: round(seconds, 3),
    eventsPerSecond: Math.round(envelopes.length / seconds),
  };
}

/** Waits (at most `timeoutMs`) until the relay has moved every outbox row to the bus. */
export async function outboxDrained(database: Database, timeoutMs: number): Promise<void> {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    const { rows } = await database.systemTx((tx) =>
      tx.query<{ n: number }>('SELECT count(*) AS n FROM outbox'),
    );
    if (Number(rows[0]!.n) === 0) return;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
  }
}
