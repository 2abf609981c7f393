import type { Queryable, Tx } from '@orchestrator/shared/ports';
import type { FlowEvent, RunStatus } from '../contracts/index.ts';

/** A run as the executor claimed it. */
export interface ClaimedRun {
  id: string;
  tenantId: string;
  flowId: string;
  version: number;
  profileId: string | null;
  status: RunStatus;
  test: boolean;
  testGraph: unknown;
  testSettings: unknown;
  trigger: FlowEvent;
  currentNodeId: string | null;
  resumeEvent: FlowEvent | null;
  claimToken: string;
  startedAt: Date;
  /** Outputs of the succeeded steps, by node id (the latest visit wins): the scope of templates. */
  outputs: Record<string, unknown>;
  /** The highest visit of each node so far (the next execution of a node is visit + 1). */
  visits: Map<string, number>;
  /** Nodes with a step still open (running after a crash or before a retry, or waiting). */
  openNodes: Set<string>;
}

/** A run started already claimed by this worker (see RunStarter.startEveryTime): nothing executed yet. */
export function newlyClaimedRun(
  start: {
    tenantId: string;
    flowId: string;
    version: number;
    profileId: string | null;
    nodeId: string;
    trigger: FlowEvent;
    now: Date;
  },
  started: { id: string; claimToken: string },
): ClaimedRun {
  return {
    id: started.id,
    tenantId: start.tenantId,
    flowId: start.flowId,
    version: start.version,
    profileId: start.profileId,
    status: 'running',
    test: false,
    testGraph: null,
    testSettings: null,
    trigger: start.trigger,
    currentNodeId: start.nodeId,
    resumeEvent: null,
    claimToken: started.claimToken,
    startedAt: start.now,
    outputs: {},
    visits: new Map(),
    openNodes: new Set(),
  };
}

interface ClaimedRow {
  id: string;
  tenant_id: string;
  flow_id: string;
  version: number;
  profile_id: string | null;
  status: RunStatus;
  test: boolean;
  test_graph: unknown;
  test_settings: unknown;
  trigger: FlowEvent;
  current_node_id: string | null;
  resume_event: FlowEvent | null;
  claim_token: string;
  started_at: Date | string;
  steps: Array<{ node_id: string; status: string; visit: number; output: unknown }>;
}

/**
 * The executor's claims on `flow_runs`, as the owner: due runs are taken `FOR NO KEY UPDATE SKIP
 * LOCKED` with a lease and a claim token; every later write checks the token (see RunStore). Not
 * `FOR UPDATE`: that conflicts with the key-share locks the foreign keys of `flow_steps` inserts take,
 * so a run whose step was being written would be skipped until the next claim.
 */
export class RunClaims {
  /**
   * Claims due runs: moves their `next_at` a lease ahead and stamps a new claim token, and returns
   * what the executor needs of their steps with them (one statement: a claim is on every run's path).
   * The update finds the claimed rows by primary key (`= ANY (ARRAY(…))`): joined to the CTE, the
   * planner expected up to `limit` rows and hashed every live run from the status index instead —
   * a bitmap scan, which reads the entries finished runs left until a vacuum (8 ms a claim after
   * 15,000 runs). The status is checked on the locked rows (their latest version) for the same reason:
   * beside the primary key, the planner still added the status index to the bitmap.
   */
  async claim(tx: Queryable, now: Date, leaseMs: number, limit: number): Promise<ClaimedRun[]> {
    const { rows } = await tx.query<ClaimedRow>(
      `WITH due AS (
         SELECT id, status FROM flow_runs WHERE next_at <= $1 ORDER BY next_at LIMIT $3
         FOR NO KEY UPDATE SKIP LOCKED
       )
       UPDATE flow_runs r SET next_at = $2, claim_token = gen_random_uuid()
       WHERE r.id = ANY (ARRAY(SELECT id FROM due WHERE status IN ('running', 'waiting')))
       RETURNING r.id, r.tenant_id, r.flow_id, r.version, r.profile_id, r.status, r.test, r.test_graph,
                 r.test_settings, r."trigger", r.current_node_id, r.resume_event, r.claim_token, r.started_at,
                 (SELECT coalesce(jsonb_agg(jsonb_build_object('node_id', s.node_id, 'status', s.status,
                           'visit', s.visit, 'output', s.output) ORDER BY s.seq), '[]'::jsonb)
                  FROM flow_steps s WHERE s.run_id = r.id) AS steps`,
      [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit],
    );
    return rows.map((row) => {
      const outputs: Record<string, unknown> = {};
      const visits = new Map<string, number>();
      const openNodes = new Set<string>();
      for (const step of row.steps) {
        if (step.status === 'succeeded') outputs[step.node_id] = step.output;
        if (step.status === 'running' || step.status === 'waiting') openNodes.add(step.node_id);
        visits.set(step.node_id, Math.max(visits.get(step.node_id) ?? 0, step.visit));
      }
      return {
        id: row.id,
        tenantId: row.tenant_id,
        flowId: row.flow_id,
        version: row.version,
        profileId: row.profile_id,
        status: row.status,
        test: row.test,
        testGraph: row.test_graph,
        testSettings: row.test_settings,
        trigger: row.trigger,
        currentNodeId: row.current_node_id,
        resumeEvent: row.resume_event,
        claimToken: row.claim_token,
        startedAt: new Date(row.started_at),
        outputs,
        visits,
        openNodes,
      };
    });
  }
  /** Does this worker still hold the run? Locks it for the rest of the transaction if so. */
  async holdsClaim(tx: Tx, run: ClaimedRun): Promise<boolean> {
    const { rows } = await tx.query(
      `SELECT 1 FROM flow_runs WHERE id = $1 AND claim_token = $2 AND status IN ('running', 'waiting') FOR NO KEY UPDATE`,
      [run.id, run.claimToken],
    );
    return rows.length > 0;
  }
  /** Lets the leases of runs this worker will not advance go (so they are due again at once). */
  async releaseAll(tx: Queryable, runs: readonly ClaimedRun[], now: Date): Promise<void> {
    await tx.query(
      `UPDATE flow_runs r SET next_at = $3, claim_token = NULL
       FROM unnest($1::uuid[], $2::uuid[]) AS c(id, claim_token)
       WHERE r.id = ANY ($1::uuid[]) AND r.id = c.id AND r.claim_token = c.claim_token`,
      [runs.map((run) => run.id), runs.map((run) => run.claimToken), now.toISOString()],
    );
  }

  /** Lets the lease go without changing anything (so the run is due again at once). */
  async release(tx: Tx, run: ClaimedRun, now: Date): Promise<void> {
    await tx.query(
      `UPDATE flow_runs SET next_at = $3, claim_token = NULL WHERE id = $1 AND claim_token = $2`,
      [run.id, run.claimToken, now.toISOString()],
    );
  }
}
