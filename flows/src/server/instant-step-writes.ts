import type { Queryable, Tx } from '@orchestrator/shared/ports';
import type { ClaimedRun } from './run-claims.ts';
import { renewedLeaseSql } from './run-lease.ts';
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

/** The chain of one run to write, and where the run goes after it. */
export interface ChainWrite {
  run: ClaimedRun;
  steps: readonly InstantStep[];
  nextNodeId: string;
  now: Date;
  /** Renews the lease (an action's step is opened, or follows in the same transaction). */
  leaseUntil?: Date;
  open?: StepToOpen;
}

/** One run's chain written in one statement (see writeChains). */
export async function writeChain(
  tx: Tx,
  run: ClaimedRun,
  steps: readonly InstantStep[],
  nextNodeId: string,
  options: { now: Date; leaseUntil?: Date; open?: StepToOpen },
): Promise<{ moved: boolean; opened?: OpenStep }> {
  return (await writeChains(tx, [{ run, steps, nextNodeId, ...options }]))[0]!;
}

/**
 * One statement, one round trip, for any number of runs: moves each run to its `nextNodeId` (renewing
 * the lease when `leaseUntil` is given) fenced by its claim, writes the succeeded logic/trigger steps it
 * executed in memory and, when `open` is given, opens the step of the next node after them (one INSERT
 * in `ord` order, so each timeline's `seq` follows the execution). A run whose claim was lost gets
 * nothing written: `moved` false.
 *
 * The runs are found by primary key (`= ANY (ARRAY(…))`), and their status is tested as an expression
 * (`status || ''`) no index matches: joined to the input or tested on the column, the planner read the
 * partial status index of live runs, whose entries finished runs leave until a vacuum (6,000–11,000
 * of them, 1.4–5 ms a statement, after a few thousand runs). As in RunClaims.claim.
 * A lease is renewed only when it ends more than a second before the new one would (see
 * renewedLeaseSql): the chain right after a claim changes no indexed column then, a HOT update.
 */
export async function writeChains(
  tx: Queryable,
  writes: readonly ChainWrite[],
): Promise<Array<{ moved: boolean; opened?: OpenStep }>> {
  const runs = writes.map(({ run, nextNodeId, now, leaseUntil }) => ({
    run_id: run.id,
    claim_token: run.claimToken,
    next_node_id: nextNodeId,
    lease_until: leaseUntil?.toISOString() ?? null,
    now: now.toISOString(),
  }));
  const rows: unknown[] = [];
  for (const { run, steps, open } of writes) {
    for (const item of steps) {
      rows.push({
        run_id: run.id,
        tenant_id: run.tenantId,
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
        ord: rows.length,
      });
    }
    if (open) {
      rows.push({
        run_id: run.id,
        tenant_id: run.tenantId,
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
  }
  const { rows: result } = await tx.query<{ run_id: string } & Partial<StepRow>>(
    `WITH i AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(run_id uuid, claim_token uuid, next_node_id text,
         lease_until timestamptz, now timestamptz)
     ), moved AS (
       UPDATE flow_runs r SET status = 'running', current_node_id = i.next_node_id, error = NULL,
         resume_at = NULL, resume_event = NULL, next_at = ${renewedLeaseSql('i.lease_until')}, updated_at = i.now
       FROM i WHERE r.id = ANY (ARRAY(SELECT run_id FROM i)) AND r.id = i.run_id
         AND r.claim_token = i.claim_token AND r.status || '' IN ('running', 'waiting')
       RETURNING r.id
     ), written AS (
       INSERT INTO flow_steps (tenant_id, run_id, node_id, node_type, visit, status, input, output, handle, attempts,
         idempotency_key, started_at, finished_at)
       SELECT s.tenant_id, s.run_id, s.node_id, s.node_type, s.visit, s.status, s.input, s.output, s.handle, 1,
              s.idempotency_key, s.started_at, s.finished_at
       FROM jsonb_to_recordset($2::jsonb) AS s(run_id uuid, tenant_id uuid, node_id text, node_type text, visit int,
              status text, input jsonb, output jsonb, handle text, idempotency_key text, started_at timestamptz,
              finished_at timestamptz, ord int)
       WHERE s.run_id IN (SELECT id FROM moved)
       ORDER BY s.ord
       RETURNING run_id, id, visit, status, attempts, idempotency_key, started_at
     )
     SELECT id AS run_id, NULL::uuid AS id, NULL::int AS visit, NULL::text AS status, NULL::int AS attempts,
            NULL::text AS idempotency_key, NULL::timestamptz AS started_at
     FROM moved
     UNION ALL
     SELECT run_id, id, visit, status, attempts, idempotency_key, started_at FROM written WHERE status = 'running'`,
    // Two lists rather than a join of the two CTEs: the planner, which cannot estimate their rows,
    // joined them in a nested loop (groups × steps comparisons: ~7 ms for a group of 200 runs).
    [JSON.stringify(runs), JSON.stringify(rows)],
  );
  const moved = new Set<string>();
  const opened = new Map<string, StepRow>();
  for (const row of result) {
    if (row.id) opened.set(row.run_id, row as StepRow);
    else moved.add(row.run_id);
  }
  return writes.map(({ run }) => {
    if (!moved.has(run.id)) return { moved: false };
    const step = opened.get(run.id);
    return step ? { moved: true, opened: toOpenStep(step) } : { moved: true };
  });
}
