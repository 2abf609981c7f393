import type { Tx } from '@orchestrator/shared/ports';
import type { FlowEvent, FlowGraph, Run, RunStatus, Step, StepStatus } from '../contracts/index.ts';
import { graphOf } from './flows-repository.ts';

interface RunRow {
  id: string;
  flow_id: string;
  version: number;
  status: RunStatus;
  profile_id: string | null;
  test: boolean;
  trigger: FlowEvent;
  current_node_id: string | null;
  resume_at: Date | string | null;
  error: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  /** Microsecond text of started_at, for cursors. */
  position: string;
}

interface StepRow {
  id: string;
  node_id: string;
  node_type: string;
  status: StepStatus;
  input: unknown;
  output: unknown;
  error: string | null;
  handle: string | null;
  attempts: number;
  started_at: Date | string;
  finished_at: Date | string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

const RUN_COLUMNS = `id, flow_id, version, status, profile_id, test, "trigger", current_node_id, resume_at, error,
  started_at, finished_at, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position`;

export const toRun = (row: RunRow): Run => ({
  id: row.id,
  flowId: row.flow_id,
  version: row.version,
  status: row.status,
  profileId: row.profile_id,
  test: row.test,
  trigger: { ...row.trigger, context: row.trigger.context ?? {} },
  currentNodeId: row.current_node_id,
  resumeAt: isoOrNull(row.resume_at),
  error: row.error,
  startedAt: iso(row.started_at),
  finishedAt: isoOrNull(row.finished_at),
});

const toStep = (row: StepRow): Step => ({
  id: row.id,
  nodeId: row.node_id,
  nodeType: row.node_type,
  status: row.status,
  input: row.input ?? null,
  output: row.output ?? null,
  error: row.error,
  handle: row.handle,
  attempts: row.attempts,
  startedAt: iso(row.started_at),
  finishedAt: isoOrNull(row.finished_at),
  durationMs:
    row.finished_at === null
      ? null
      : new Date(row.finished_at).getTime() - new Date(row.started_at).getTime(),
});

/** Reads and user actions on runs for the API, in tenant transactions. */
export class RunsRepository {
  /** Newest first, after the cursor position; `status` filters. */
  async list(
    tx: Tx,
    flowId: string,
    options: { status?: RunStatus; after?: { at: string; id: string }; limit: number },
  ): Promise<Array<Run & { position: string }>> {
    const { rows } = await tx.query<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM flow_runs
       WHERE flow_id = $1 AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR (started_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY started_at DESC, id DESC LIMIT $5`,
      [flowId, options.status ?? null, options.after?.at ?? null, options.after?.id ?? null, options.limit],
    );
    return rows.map((row) => ({ ...toRun(row), position: row.position }));
  }

  async get(tx: Tx, runId: string, options: { lock?: boolean } = {}): Promise<Run | undefined> {
    const { rows } = await tx.query<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM flow_runs WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [runId],
    );
    return rows[0] && toRun(rows[0]);
  }

  /** The draft a test run ran, frozen when it started; undefined for runs of a published version. */
  async testGraph(tx: Tx, runId: string): Promise<FlowGraph | undefined> {
    const { rows } = await tx.query<{ test_graph: unknown }>(
      'SELECT test_graph FROM flow_runs WHERE id = $1 AND test_graph IS NOT NULL',
      [runId],
    );
    return rows[0] && graphOf(rows[0].test_graph);
  }

  async steps(tx: Tx, runId: string): Promise<Step[]> {
    const { rows } = await tx.query<StepRow>(
      `SELECT id, node_id, node_type, status, input, output, error, handle, attempts, started_at, finished_at
       FROM flow_steps WHERE run_id = $1 ORDER BY seq`,
      [runId],
    );
    return rows.map(toStep);
  }

  /** Ends a live run as `cancelled` (or `exited`): no worker writes to it afterwards. */
  async end(tx: Tx, runId: string, status: 'cancelled' | 'exited', now: Date): Promise<boolean> {
    const at = now.toISOString();
    const { rowCount } = await tx.query(
      `UPDATE flow_runs SET status = $2, next_at = NULL, claim_token = NULL, current_node_id = NULL, resume_at = NULL,
         resume_event = NULL, finished_at = $3, updated_at = $3
       WHERE id = $1 AND status IN ('running', 'waiting')`,
      [runId, status, at],
    );
    if (rowCount === 0) return false;
    await tx.query(
      `UPDATE flow_steps SET status = 'skipped', finished_at = $2 WHERE run_id = $1 AND status IN ('running', 'waiting')`,
      [runId, at],
    );
    await tx.query('DELETE FROM flow_event_waits WHERE run_id = $1', [runId]);
    return true;
  }

  /**
   * Re-runs a failed run from the node that failed: the run is live again at that node, due now, and
   * the node's next execution is a new visit (a new idempotency key: the user asked for a new attempt).
   */
  async rerunFromFailure(tx: Tx, runId: string, now: Date): Promise<string | undefined> {
    const { rows } = await tx.query<{ node_id: string }>(
      `SELECT node_id FROM flow_steps WHERE run_id = $1 AND status = 'failed' ORDER BY seq DESC LIMIT 1`,
      [runId],
    );
    const nodeId = rows[0]?.node_id;
    if (!nodeId) return undefined;
    const at = now.toISOString();
    const { rowCount } = await tx.query(
      `UPDATE flow_runs SET status = 'running', current_node_id = $2, error = NULL, finished_at = NULL, next_at = $3,
         claim_token = NULL, updated_at = $3
       WHERE id = $1 AND status = 'failed'`,
      [runId, nodeId, at],
    );
    return rowCount > 0 ? nodeId : undefined;
  }

  /** Per node of one version (0: test runs): steps succeeded, waiting there now, failed there. */
  async nodeCounts(
    tx: Tx,
    flowId: string,
    version: number,
  ): Promise<Record<string, { succeeded: number; waiting: number; failed: number }>> {
    const { rows } = await tx.query<{ node_id: string; succeeded: string; waiting: string; failed: string }>(
      `SELECT s.node_id,
              count(*) FILTER (WHERE s.status = 'succeeded') AS succeeded,
              count(*) FILTER (WHERE s.status = 'waiting' OR (s.status = 'running' AND r.status IN ('running', 'waiting'))) AS waiting,
              count(*) FILTER (WHERE s.status = 'failed') AS failed
       FROM flow_steps s JOIN flow_runs r ON r.id = s.run_id
       WHERE r.flow_id = $1 AND r.version = $2
       GROUP BY s.node_id`,
      [flowId, version],
    );
    return Object.fromEntries(
      rows.map((row) => [
        row.node_id,
        { succeeded: Number(row.succeeded), waiting: Number(row.waiting), failed: Number(row.failed) },
      ]),
    );
  }
}
