import type { Tx } from '@orchestrator/shared/ports';
import type { FlowEvent } from '../contracts/index.ts';
import type { ClaimedRun } from './run-claims.ts';
import { moveRuns, type RunMove, type StepResult } from './run-moves.ts';
import { toOpenStep, writeChain, type StepRow } from './instant-step-writes.ts';

/** The step of the current node that is still open (running or waiting), as the executor resumes it. */
export interface OpenStep {
  id: string;
  visit: number;
  status: 'running' | 'waiting';
  attempts: number;
  idempotencyKey: string;
  startedAt: Date;
}

/** A logic or trigger step executed in memory, written later with the transaction that follows it. */
export interface InstantStep {
  node: { id: string; type: string };
  step: OpenStep;
  input: unknown;
  handle: string;
  output: unknown;
  finishedAt: Date;
}

export type { RunMove } from './run-moves.ts';

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * The executor's writes of steps and run moves, in system transactions (claims: RunClaims). Every write
 * after the claim is fenced by the claim token and a live status: a worker whose lease ran out, or a
 * run cancelled or exited meanwhile, changes nothing (the write reports `false`).
 */
export class RunStore {
  /**
   * Writes succeeded logic/trigger steps executed in memory and moves the run to `nextNodeId`, in one
   * statement each; false (nothing written) when the claim was lost.
   */
  async writeInstantSteps(
    tx: Tx,
    run: ClaimedRun,
    steps: readonly InstantStep[],
    nextNodeId: string,
    /** Also renews the lease (the transaction goes on to open an action's step). */
    leaseUntil?: Date,
  ): Promise<boolean> {
    if (steps.length === 0) return true;
    const now = steps[steps.length - 1]!.finishedAt;
    return (await writeChain(tx, run, steps, nextNodeId, { now, ...(leaseUntil ? { leaseUntil } : {}) }))
      .moved;
  }

  /**
   * Writes the chain of instant steps that led to `node` and opens `node`'s step (a first visit unless
   * `step` is given), in one statement; renews the lease when `leaseUntil` is given. Undefined when the
   * claim was lost.
   */
  async openAfterInstantSteps(
    tx: Tx,
    run: ClaimedRun,
    steps: readonly InstantStep[],
    open: { node: { id: string; type: string }; input: unknown; startedAt: Date; step?: OpenStep },
    leaseUntil?: Date,
  ): Promise<OpenStep | undefined> {
    const written = await writeChain(tx, run, steps, open.node.id, {
      now: steps[steps.length - 1]?.finishedAt ?? open.startedAt,
      ...(leaseUntil ? { leaseUntil } : {}),
      open: {
        node: open.node,
        step: open.step ?? newStep(run, open.node.id, open.startedAt),
        input: open.input,
      },
    });
    return written.opened;
  }

  /** Writes the step of a node executed before it was recorded (logic and triggers: no side effects). */
  async insertStep(
    tx: Tx,
    run: ClaimedRun,
    node: { id: string; type: string },
    step: OpenStep,
    input: unknown,
  ): Promise<OpenStep> {
    const { rows } = await tx.query<StepRow>(
      `INSERT INTO flow_steps (tenant_id, run_id, node_id, node_type, visit, input, attempts, idempotency_key, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8)
       RETURNING id, visit, status, attempts, idempotency_key, started_at`,
      [
        run.tenantId,
        run.id,
        node.id,
        node.type,
        step.visit,
        json(input),
        step.idempotencyKey,
        step.startedAt.toISOString(),
      ],
    );
    return toOpenStep(rows[0]!);
  }

  /**
   * Opens (or reopens) the step of `nodeId` for one more execution, renewing the lease: a step left
   * running by a crash or a retry is executed again under its first idempotency key; a waiting step
   * is resumed; otherwise a new visit starts. Undefined when the claim was lost.
   */
  async openStep(
    tx: Tx,
    run: ClaimedRun,
    node: { id: string; type: string },
    input: unknown,
    now: Date,
    leaseMs: number,
    /** The claim was checked and the lease renewed earlier in this transaction. */
    renewed = false,
  ): Promise<OpenStep | undefined> {
    if (!renewed) {
      const { rowCount } = await tx.query(
        `UPDATE flow_runs SET next_at = $3, updated_at = $4
         WHERE id = $1 AND claim_token = $2 AND status IN ('running', 'waiting')`,
        [run.id, run.claimToken, new Date(now.getTime() + leaseMs).toISOString(), now.toISOString()],
      );
      if (rowCount === 0) return undefined;
    }
    if (!run.openNodes.has(node.id)) return this.insertStep(tx, run, node, newStep(run, node.id, now), input);
    const open = await tx.query<StepRow>(
      `UPDATE flow_steps SET attempts = attempts + CASE WHEN status = 'running' THEN 1 ELSE 0 END
       WHERE id = (SELECT id FROM flow_steps WHERE run_id = $1 AND node_id = $2 AND status IN ('running', 'waiting')
                   ORDER BY visit DESC LIMIT 1)
       RETURNING id, visit, status, attempts, idempotency_key, started_at`,
      [run.id, node.id],
    );
    if (open.rows[0]) return toOpenStep(open.rows[0]);
    const { rows } = await tx.query<StepRow>(
      `INSERT INTO flow_steps (tenant_id, run_id, node_id, node_type, visit, input, attempts, idempotency_key, started_at)
       SELECT $1, $2, $3, $4, v.visit, $5, 1, $2 || ':' || $3 || ':' || v.visit, $6
       FROM (SELECT coalesce(max(visit), 0) + 1 AS visit FROM flow_steps WHERE run_id = $2 AND node_id = $3) v
       RETURNING id, visit, status, attempts, idempotency_key, started_at`,
      [run.tenantId, run.id, node.id, node.type, json(input), now.toISOString()],
    );
    return toOpenStep(rows[0]!);
  }

  /** The step succeeded (or failed into its `error` handle) and the run moves on or finishes. */
  async completeStep(
    tx: Tx,
    run: ClaimedRun,
    step: OpenStep,
    result: { status: 'succeeded' | 'failed'; handle: string | null; output?: unknown; error?: string },
    move: RunMove,
    now: Date,
  ): Promise<boolean> {
    return this.moveRun(tx, run, move, now, { step: { id: step.id, ...result } });
  }

  /**
   * Moves the run to its next node (renewing the lease when `leaseUntil` is given) or finishes it, in
   * one statement, fenced by the claim: the step's result and the end of an event wait go with it.
   */
  async moveRun(
    tx: Tx,
    run: ClaimedRun,
    move: RunMove,
    now: Date,
    options: { leaseUntil?: Date; step?: StepResult } = {},
  ): Promise<boolean> {
    return (await moveRuns(tx, [{ run, move, now, ...options }]))[0]!;
  }

  /** Parks the run on a waiting step until `until` (timer) and/or an event of its profile. */
  async parkStep(
    tx: Tx,
    run: ClaimedRun,
    step: OpenStep,
    wait: {
      until: Date | null;
      forEvent?: { event: string; properties?: Record<string, unknown> };
      output?: unknown;
    },
    now: Date,
  ): Promise<boolean> {
    const until = wait.until?.toISOString() ?? null;
    const { rowCount } = await tx.query(
      `UPDATE flow_runs SET status = 'waiting', resume_at = $3, resume_event = NULL, next_at = $3,
         claim_token = NULL, updated_at = $4
       WHERE id = $1 AND claim_token = $2 AND status IN ('running', 'waiting')`,
      [run.id, run.claimToken, until, now.toISOString()],
    );
    if (rowCount === 0) return false;
    await tx.query(
      `UPDATE flow_steps SET status = 'waiting', output = $2, next_attempt_at = $3 WHERE id = $1`,
      [step.id, json(wait.output), until],
    );
    await tx.query('DELETE FROM flow_event_waits WHERE run_id = $1', [run.id]);
    if (wait.forEvent && run.profileId) {
      await tx.query(
        `INSERT INTO flow_event_waits (run_id, tenant_id, profile_id, event, properties) VALUES ($1, $2, $3, $4, $5)`,
        [
          run.id,
          run.tenantId,
          run.profileId,
          wait.forEvent.event,
          JSON.stringify(wait.forEvent.properties ?? {}),
        ],
      );
    }
    return true;
  }

  /** Wakes a parked run at once with the event it waited for (the event arrived while it parked). */
  async wakeWithEvent(tx: Tx, runId: string, event: FlowEvent, now: Date): Promise<boolean> {
    const { rowCount } = await tx.query(
      `UPDATE flow_runs SET resume_event = $2, next_at = $3, updated_at = $3
       WHERE id = $1 AND status = 'waiting'`,
      [runId, JSON.stringify(event), now.toISOString()],
    );
    await tx.query('DELETE FROM flow_event_waits WHERE run_id = $1', [runId]);
    return rowCount > 0;
  }

  /** A failed attempt that will be tried again at `retryAt` (the step stays open, keeping its key). */
  async scheduleRetry(
    tx: Tx,
    run: ClaimedRun,
    step: OpenStep,
    error: string,
    retryAt: Date,
    now: Date,
  ): Promise<boolean> {
    const { rowCount } = await tx.query(
      `UPDATE flow_runs SET next_at = $3, claim_token = NULL, updated_at = $4
       WHERE id = $1 AND claim_token = $2 AND status IN ('running', 'waiting')`,
      [run.id, run.claimToken, retryAt.toISOString(), now.toISOString()],
    );
    if (rowCount === 0) return false;
    await tx.query(`UPDATE flow_steps SET error = $2, next_attempt_at = $3 WHERE id = $1`, [
      step.id,
      error,
      retryAt.toISOString(),
    ]);
    return true;
  }

  /** Fails a run that cannot go on (its node vanished from the graph, an unknown node type…). */
  async failRun(tx: Tx, run: ClaimedRun, error: string, now: Date): Promise<boolean> {
    return this.moveRun(tx, run, { kind: 'finish', status: 'failed', error }, now);
  }
}

/** A first execution of a node on this claim (its visit follows the highest so far). */
function newStep(run: ClaimedRun, nodeId: string, now: Date): OpenStep {
  const visit = (run.visits.get(nodeId) ?? 0) + 1;
  return {
    id: '',
    visit,
    status: 'running',
    attempts: 1,
    idempotencyKey: `${run.id}:${nodeId}:${visit}`,
    startedAt: now,
  };
}
