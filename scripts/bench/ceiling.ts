/** The ceiling: plain batched INSERTs of the same event rows. */
import type { NormalizedMessage } from '@orchestrator/cdp/contracts';
import type { Database } from '@orchestrator/shared/ports';
import { cpuPerEvent, startCpuAccounting, type CpuSources } from './cpu-accounting.ts';
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
  /** CPU per row of the better run (this process, PostgreSQL): what writing an event once costs. */
  cpuMsPerEvent: ReturnType<typeof cpuPerEvent>;
}

/** An event as a row of the scratch table (the columns of `cdp_events` that carry the message). */
export type ScratchEventRow = ReturnType<typeof scratchEventRow>;

export function scratchEventRow(
  workspace: Pick<Workspace, 'tenantId' | 'sourceId'>,
  message: NormalizedMessage,
  receivedAt: string,
) {
  return {
    tenant_id: workspace.tenantId,
    source_id: workspace.sourceId,
    ...toStoredColumns(message),
    timestamp: message.timestamp,
    received_at: receivedAt,
  };
}

/** (Re)creates the scratch table: `cdp_events`' message columns, a primary key and nothing else. */
export async function createScratchEventsTable(database: Database, table: string): Promise<void> {
  await database.systemTx((tx) =>
    tx.exec(`DROP TABLE IF EXISTS ${table};
      CREATE TABLE ${table} (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL, source_id text NOT NULL, message_id text NOT NULL, type text NOT NULL,
        event text, user_id text, anonymous_id text, properties jsonb, traits jsonb, context jsonb,
        extra jsonb NOT NULL DEFAULT '{}', "timestamp" timestamptz NOT NULL, received_at timestamptz NOT NULL)`),
  );
}

export async function dropScratchEventsTable(database: Database, table: string): Promise<void> {
  await database.systemTx((tx) => tx.exec(`DROP TABLE IF EXISTS ${table}`));
}

/** One plain INSERT of the rows, in a transaction of its own. */
export async function insertScratchEvents(
  database: Database,
  table: string,
  rows: readonly ScratchEventRow[],
): Promise<void> {
  await database.systemTx((tx) =>
    tx.query(
      `INSERT INTO ${table} (tenant_id, source_id, message_id, type, event, user_id, anonymous_id,
                             properties, traits, context, extra, "timestamp", received_at)
       SELECT tenant_id, source_id, message_id, type, event, user_id, anonymous_id,
              properties, traits, context, extra, "timestamp", received_at
       FROM jsonb_to_recordset($1::jsonb) AS r(tenant_id uuid, source_id text, message_id text, type text,
         event text, user_id text, anonymous_id text, properties jsonb, traits jsonb, context jsonb,
         extra jsonb, "timestamp" timestamptz, received_at timestamptz)`,
      [JSON.stringify(rows)],
    ),
  );
}

export async function measureCeiling(
  database: Database,
  workspace: Workspace,
  options: WorkloadOptions,
  cpuSources: CpuSources,
): Promise<CeilingResult> {
  const table = 'bench_ceiling_events';
  const receivedAt = new Date().toISOString();
  const rows = [...workload(options)].map((message) =>
    scratchEventRow(workspace, message as unknown as NormalizedMessage, receivedAt),
  );
  const batches: (typeof rows)[] = [];
  for (let start = 0; start < rows.length; start += CEILING_BATCH) {
    batches.push(rows.slice(start, start + CEILING_BATCH));
  }
  const run = async (writers: number) => {
    await createScratchEventsTable(database, table);
    const queue = batches.values();
    const accounting = await startCpuAccounting({ ...cpuSources, kafka: false });
    const started = now();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let next = queue.next(); !next.done; next = queue.next()) {
          await insertScratchEvents(database, table, next.value);
        }
      }),
    );
    const seconds = (now() - started) / 1000;
    const cpu = cpuPerEvent(await accounting.stop(), rows.length);
    return { seconds: round(seconds, 3), eventsPerSecond: Math.round(rows.length / seconds), cpu };
  };
  const oneWriter = await run(1);
  const twoWriters = await run(2);
  await dropScratchEventsTable(database, table);
  const better = oneWriter.eventsPerSecond > twoWriters.eventsPerSecond ? oneWriter : twoWriters;
  const figures = ({ seconds, eventsPerSecond }: typeof better) => ({ seconds, eventsPerSecond });
  return {
    rows: rows.length,
    batchRows: CEILING_BATCH,
    oneWriter: figures(oneWriter),
    twoWriters: figures(twoWriters),
    eventsPerSecond: better.eventsPerSecond,
    cpuMsPerEvent: better.cpu,
  };
}
