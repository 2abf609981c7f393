import { randomUUID } from 'node:crypto';
import type { Tx } from '@orchestrator/shared/ports';
import type { FlowEvent, FlowGraph, FlowSettings } from '../contracts/index.ts';
import { entryDecision } from '../domain/entry-rules.ts';

export interface RunStart {
  tenantId: string;
  flowId: string;
  /** 0 for a test run of the draft. */
  version: number;
  /** The trigger node the run starts at. */
  nodeId: string;
  settings: FlowSettings;
  trigger: FlowEvent;
  profileId: string | null;
  /** Null never deduplicates (test runs). */
  dedupeKey: string | null;
  now: Date;
  test?: { graph: FlowGraph };
}

/** A run started already claimed by the caller's worker. */
export interface ClaimedStart {
  start: RunStart;
  id: string;
  claimToken: string;
}

export type RunStartResult =
  { started: true; runId: string } | { started: false; reason: 'duplicate' | 'entry-rule'; detail?: string };

/**
 * Starts runs inside the caller's transaction, ready for the executor (due now). The trigger's dedupe
 * key makes a redelivered event a no-op; the entry rule (every time, once per profile, once per N
 * days) is checked and recorded atomically by locking the profile's entry row of the flow.
 */
export class RunStarter {
  async start(tx: Tx, start: RunStart): Promise<RunStartResult> {
    const at = start.now.toISOString();
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO flow_runs (tenant_id, flow_id, version, profile_id, test, test_graph, test_settings, "trigger",
         dedupe_key, goal_event, current_node_id, next_at, started_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $12)
       ON CONFLICT (flow_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [
        start.tenantId,
        start.flowId,
        start.version,
        start.profileId,
        start.test !== undefined,
        start.test ? JSON.stringify(start.test.graph) : null,
        start.test ? JSON.stringify(start.settings) : null,
        JSON.stringify(start.trigger),
        start.dedupeKey,
        start.settings.goal?.event ?? null,
        start.nodeId,
        at,
      ],
    );
    const runId = rows[0]?.id;
    if (!runId) return { started: false, reason: 'duplicate' };
    if (start.profileId === null || start.test) return { started: true, runId };

    await tx.query(
      `INSERT INTO flow_entries (tenant_id, flow_id, profile_id) VALUES ($1, $2, $3)
       ON CONFLICT (flow_id, profile_id) DO NOTHING`,
      [start.tenantId, start.flowId, start.profileId],
    );
    const previous = await tx.query<{ entries: number; last_entered_at: Date | string | null }>(
      'SELECT entries, last_entered_at FROM flow_entries WHERE flow_id = $1 AND profile_id = $2 FOR UPDATE',
      [start.flowId, start.profileId],
    );
    const row = previous.rows[0]!;
    const decision = entryDecision(
      start.settings.entry,
      {
        count: row.entries,
        lastEnteredAt: row.last_entered_at === null ? null : new Date(row.last_entered_at),
      },
      start.now,
    );
    if (!decision.allowed) {
      await tx.query('DELETE FROM flow_runs WHERE id = $1', [runId]);
      return { started: false, reason: 'entry-rule', detail: decision.reason };
    }
    await tx.query(
      `UPDATE flow_entries SET entries = entries + 1, last_entered_at = $3 WHERE flow_id = $1 AND profile_id = $2`,
      [start.flowId, start.profileId, at],
    );
    return { started: true, runId };
  }

  /**
   * Starts many runs of flows whose entry rule is `everyTime` in one statement: the runs (duplicates
   * skipped by the dedupe key) and, from the runs that did start, the entry counts of their profiles.
   * The first `claim.count` starts are inserted already claimed by the caller's worker (a claim token
   * and a lease, as RunClaims.claim would leave them): it advances them at once after the commit, with
   * no claim statement, and if it dies first they are claimed again when the lease runs out.
   */
  async startEveryTime(
    tx: Tx,
    starts: readonly RunStart[],
    claim: { count: number; leaseUntil: Date } = { count: 0, leaseUntil: new Date(0) },
  ): Promise<{ started: number; claimed: ClaimedStart[] }> {
    if (starts.length === 0) return { started: 0, claimed: [] };
    const tokens: Array<string | null> = starts.map((_, ord) => (ord < claim.count ? randomUUID() : null));
    const { rows } = await tx.query<{ id: string | null; claim_token: string | null; started: number }>(
      `WITH started AS (
         INSERT INTO flow_runs (tenant_id, flow_id, version, profile_id, "trigger", dedupe_key, goal_event,
           current_node_id, next_at, claim_token, started_at, updated_at)
         SELECT s.tenant_id, s.flow_id, s.version, s.profile_id, s."trigger", s.dedupe_key, s.goal_event,
                s.node_id, CASE WHEN s.claim_token IS NULL THEN s.at ELSE $3::timestamptz END, s.claim_token,
                s.at, s.at
         FROM jsonb_to_recordset($1::jsonb) AS s(tenant_id uuid, flow_id uuid, version int, profile_id uuid,
                "trigger" jsonb, dedupe_key text, goal_event text, node_id text, at timestamptz, ord int,
                claim_token uuid)
         ORDER BY s.ord
         ON CONFLICT (flow_id, dedupe_key) DO NOTHING
         RETURNING id, tenant_id, flow_id, profile_id, claim_token
       ), entered AS (
         -- In key order: two batches entering the same profiles lock their rows alike and never deadlock.
         INSERT INTO flow_entries (tenant_id, flow_id, profile_id, entries, last_entered_at)
         SELECT tenant_id, flow_id, profile_id, count(*), $2 FROM started
         WHERE profile_id IS NOT NULL
         GROUP BY tenant_id, flow_id, profile_id
         ORDER BY flow_id, profile_id
         ON CONFLICT (flow_id, profile_id) DO UPDATE
           SET entries = flow_entries.entries + excluded.entries, last_entered_at = excluded.last_entered_at
       )
       SELECT NULL::uuid AS id, NULL::uuid AS claim_token, count(*)::int AS started FROM started
       UNION ALL
       SELECT id, claim_token, 0 FROM started WHERE claim_token IS NOT NULL`,
      [
        JSON.stringify(
          starts.map((start, ord) => ({
            tenant_id: start.tenantId,
            flow_id: start.flowId,
            version: start.version,
            profile_id: start.profileId,
            trigger: start.trigger,
            dedupe_key: start.dedupeKey,
            goal_event: start.settings.goal?.event ?? null,
            node_id: start.nodeId,
            at: start.now.toISOString(),
            ord,
            claim_token: tokens[ord],
          })),
        ),
        starts[0]!.now.toISOString(),
        claim.leaseUntil.toISOString(),
      ],
    );
    // The tokens were made here, one per start: each names its start.
    const startOf = new Map(tokens.map((token, ord) => [token, starts[ord]!]));
    const claimed = rows.flatMap(({ id, claim_token: claimToken }) =>
      id === null || claimToken === null ? [] : [{ start: startOf.get(claimToken)!, id, claimToken }],
    );
    const started = rows.find((row) => row.id === null)?.started ?? 0;
    return { started, claimed };
  }
}
