import type { Tx } from '@orchestrator/shared/ports';
import type { ClaimedRun } from './run-claims.ts';
import type { InstantStep, OpenStep } from './run-store.ts';

/** The step row the executor reads back when it opens a step. */
export interface StepRow {
  id: string;
  visit: number;
  status: 'running' | 'waiting';
  attempts: number;
  idempotency_key: string;
  started_at: Date | string;
}

export const toOpenStep = (row: StepRow): OpenStep => ({
  id: row.id,
  visit: row.visit,
  status: row.status,
  attempts: row.attempts,
  idempotencyKey: row.idempotency_key,
  startedAt: new Date(row.started_at),
});

/** A step to open right after the chain, in the same statement (the action the chain led to). */
export interface StepToOpen {
  node: { id: string; type: string };
  step: OpenStep;
  input: unknown;
}

/**
 * One statement, one round trip: moves the run to `nextNodeId` (renewing the lease when `leaseUntil`
 * is given) fenced by its claim, writes the succeeded logic/trigger steps executed in memory and, when
 * `open` is given, opens the step of the next node after them (one INSERT, in `ord` order, so the
 * timeline's `seq` follows the execution). Nothing is written when the claim was lost: `moved` false.
 */
export async function writeChain(
  tx: Tx,
  run: ClaimedRun,
  steps: readonly InstantStep[],
  nextNodeId: string,
  options: { now: Date; leaseUntil?: Date; open?: StepToOpen },
): Promise<{ moved: boolean; opened?: OpenStep }> {
  const rows: unknown[] = steps.map((item, ord) => ({
    node_id: item.node.id,
    node_type: item.node.type,
    visit: item.step.visit,
    status: 'succeeded',
    input: item.input ?? null,
    output: item.output ?? null,
    handle: item.handle,
    idempotency_key: item.step.idempotencyKey,
    started_at: item.step.startedAt.toISOString(),
    finished_at: item.finishedAt.toISOString(),
    ord,
  }));
  const open = options.open;
  if (open) {
    rows.push({
      node_id: open.node.id,
      node_type: open.node.type,
      visit: open.step.visit,
      status: 'running',
      input: open.input ?? null,
      output: null,
      handle: null,
      idempotency_key: open.step.idempotencyKey,
      started_at: open.step.startedAt.toISOString(),
      finished_at: null,
      ord: rows.length,
    });
  }
  const { rows: result } = await tx.query<{ moved: number } & Partial<StepRow>>(
    `WITH moved AS (
       UPDATE flow_runs SET status = 'running', current_node_id = $3::text, error = NULL,
         resume_at = NULL, resume_event = NULL, next_at = coalesce($4::timestamptz, next_at),
         updated_at = $5::timestamptz
       WHERE id = $1 AND claim_token = $2 AND status IN ('running', 'waiting')
       RETURNING id
     ), written AS (
       INSERT INTO flow_steps (tenant_id, run_id, node_id, node_type, visit, status, input, output, handle, attempts,
         idempotency_key, started_at, finished_at)
       SELECT $6::uuid, $1::uuid, s.node_id, s.node_type, s.visit, s.status, s.input, s.output, s.handle, 1,
              s.idempotency_key, s.started_at, s.finished_at
       FROM jsonb_to_recordset($7::jsonb) AS s(node_id text, node_type text, visit int, status text, input jsonb,
              output jsonb, handle text, idempotency_key text, started_at timestamptz, finished_at timestamptz, ord int)
       WHERE EXISTS (SELECT 1 FROM moved)
       ORDER BY s.ord
       RETURNING id, visit, status, attempts, idempotency_key, started_at
     )
     SELECT m.moved, w.id, w.visit, w.status, w.attempts, w.idempotency_key, w.started_at
     FROM (SELECT count(*)::int AS moved FROM moved) m LEFT JOIN written w ON w.status = 'running'`,
    [
      run.id,
      run.claimToken,
      nextNodeId,
      options.leaseUntil?.toISOString() ?? null,
      options.now.toISOString(),
      run.tenantId,
      JSON.stringify(rows),
    ],
  );
  const first = result[0];
  if (!first || first.moved === 0) return { moved: false };
  return first.id ? { moved: true, opened: toOpenStep(first as StepRow) } : { moved: true };
}
