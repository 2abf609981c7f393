/** The ceiling: plain batched INSERTs of the same event rows. */
import type { NormalizedMessage } from '@orchestrator/cdp/contracts';
import type { Database } from '@orchestrator/shared/ports';
import { toStoredColumns } from '../../cdp/src/server/profiles/stored-message.ts';
import { workload, type WorkloadOptions } from './cdp-workload.ts';
import { CEILING_BATCH, now } from './bench-options.ts';
import type { Workspace } from './bench-workspace.ts';
import { round } from './load-phase.ts';

export interface CeilingResult {
  rows: number;
  batchRows: number;
  oneWriter: { seconds: number; eventsPerSecond: number };
  twoWriters: { seconds: number; eventsPerSecond: number };
  eventsPerSecond: number;
}

export async function measureCeiling(
  database: Database,
  workspace: Workspace,
  options: WorkloadOptions,
): Promise<CeilingResult> {
  const receivedAt = new Date().toISOString();
  const rows = [...workload(options)].map((message) => {
    const columns = toStoredColumns(message as unknown as NormalizedMessage);
    return {
      tenant_id: workspace.tenantId,
      source_id: workspace.sourceId,
      ...columns,
      timestamp: message.timestamp,
      received_at: receivedAt,
    };
  });
  const batches: (typeof rows)[] = [];
  for (let start = 0; start < rows.length; start += CEILING_BATCH) {
    batches.push(rows.slice(start, start + CEILING_BATCH));
  }
  const insert = (batch: typeof rows) =>
    database.systemTx((tx) =>
      tx.query(
        `INSERT INTO bench_ceiling_events (tenant_id, source_id, message_id, type, event, user_id, anonymous_id,
                                           properties, traits, context, extra, "timestamp", received_at)
         SELECT tenant_id, source_id, message_id, type, event, user_id, anonymous_id,
                properties, traits, context, extra, "timestamp", received_at
         FROM jsonb_to_recordset($1::jsonb) AS r(tenant_id uuid, source_id text, message_id text, type text,
           event text, user_id text, anonymous_id text, properties jsonb, traits jsonb, context jsonb,
           extra jsonb, "timestamp" timestamptz, received_at timestamptz)`,
        [JSON.stringify(batch)],
      ),
    );
  const run = async (writers: number) => {
    await database.systemTx((tx) =>
      tx.exec(`DROP TABLE IF EXISTS bench_ceiling_events;
        CREATE TABLE bench_ceiling_events (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          tenant_id uuid NOT NULL, source_id text NOT NULL, message_id text NOT NULL, type text NOT NULL,
          event text, user_id text, anonymous_id text, properties jsonb, traits jsonb, context jsonb,
          extra jsonb NOT NULL DEFAULT '{}', "timestamp" timestamptz NOT NULL, received_at timestamptz NOT NULL)`),
    );
    const queue = batches.values();
    const started = now();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let next = queue.next(); !next.done; next = queue.next()) await insert(next.value);
      }),
    );
    const seconds = (now() - started) / 1000;
    return { seconds: round(seconds, 3), eventsPerSecond: Math.round(rows.length / seconds) };
  };
  const oneWriter = await run(1);
  const twoWriters = await run(2);
  await database.systemTx((tx) => tx.exec('DROP TABLE IF EXISTS bench_ceiling_events'));
  return {
    rows: rows.length,
    batchRows: CEILING_BATCH,
    oneWriter,
    twoWriters,
    eventsPerSecond: Math.max(oneWriter.eventsPerSecond, twoWriters.eventsPerSecond),
  };
}
