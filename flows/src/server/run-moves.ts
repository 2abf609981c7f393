import type { Queryable } from '@orchestrator/shared/ports';
import type { ClaimedRun } from './run-claims.ts';
import { renewedLeaseSql } from './run-lease.ts';

/** Where a run goes after a step: on to a node, or finished with a status. */
export type RunMove =
  | { kind: 'next'; nodeId: string }
  | { kind: 'finish'; status: 'completed' | 'failed' | 'exited'; error?: string };

/** The result of a step, written with the run's move. */
export interface StepResult {
  id: string;
  status: 'succeeded' | 'failed';
  handle: string | null;
  output?: unknown;
  error?: string;
}

/** One run's move (and the step it follows). */
export interface MoveWrite {
  run: ClaimedRun;
  move: RunMove;
  now: Date;
  leaseUntil?: Date;
  step?: StepResult;
}

/**
 * Moves any number of runs to their next node (renewing the lease when `leaseUntil` is given) or
 * finishes them, in one statement, each fenced by its claim: the step's result and the end of an event
 * wait go with it. One boolean per write: false when that run's claim was lost (nothing written for it).
 * The runs are found by primary key with their status tested as an expression: see writeChains.
 */
export async function moveRuns(tx: Queryable, writes: readonly MoveWrite[]): Promise<boolean[]> {
  const input = writes.map(({ run, move, now, leaseUntil, step }) => {
    const finish = move.kind === 'finish';
    return {
      run_id: run.id,
      claim_token: run.claimToken,
      status: finish ? move.status : 'running',
      current_node_id: finish ? null : move.nodeId,
      error: finish ? (move.error ?? null) : null,
      finish,
      lease_until: leaseUntil?.toISOString() ?? null,
      now: now.toISOString(),
      step_id: step?.id ?? null,
      step_status: step?.status ?? null,
      handle: step?.handle ?? null,
      output: step?.output ?? null,
      step_error: step?.error ?? null,
    };
  });
  const { rows } = await tx.query<{ id: string }>(
    `WITH i AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(run_id uuid, claim_token uuid, status text,
         current_node_id text, error text, finish boolean, lease_until timestamptz, now timestamptz, step_id uuid,
         step_status text, handle text, output jsonb, step_error text)
     ), moved AS (
       UPDATE flow_runs r SET status = i.status, current_node_id = i.current_node_id, error = i.error,
         resume_at = NULL, resume_event = NULL,
         next_at = CASE WHEN i.finish THEN NULL ELSE ${renewedLeaseSql('i.lease_until')} END,
         claim_token = CASE WHEN i.finish THEN NULL ELSE r.claim_token END,
         finished_at = CASE WHEN i.finish THEN i.now ELSE r.finished_at END,
         updated_at = i.now
       FROM i WHERE r.id = ANY (ARRAY(SELECT run_id FROM i)) AND r.id = i.run_id
         AND r.claim_token = i.claim_token AND r.status || '' IN ('running', 'waiting')
       RETURNING r.id
     ), waits AS (
       DELETE FROM flow_event_waits w USING i
       WHERE i.finish AND w.run_id = i.run_id AND i.run_id IN (SELECT id FROM moved)
     ), step AS (
       UPDATE flow_steps s SET status = i.step_status, handle = i.handle, output = i.output, error = i.step_error,
         finished_at = i.now, next_attempt_at = NULL
       FROM i WHERE s.id = i.step_id AND i.run_id IN (SELECT id FROM moved)
     )
     SELECT id FROM moved`,
    [JSON.stringify(input)],
  );
  const moved = new Set(rows.map((row) => row.id));
  return writes.map(({ run }) => moved.has(run.id));
}
