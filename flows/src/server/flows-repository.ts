import { randomBytes } from 'node:crypto';
import type { Tx } from '@orchestrator/shared/ports';
import {
  FlowGraphSchema,
  FlowSettingsSchema,
  type FlowGraph,
  type FlowSettings,
  type FlowStats,
  type FlowStatus,
} from '../contracts/index.ts';

/** A flow row as the API and publishing work with it. */
export interface StoredFlow {
  id: string;
  tenantId: string;
  name: string;
  graph: FlowGraph;
  settings: FlowSettings;
  status: FlowStatus;
  activeVersion: number | null;
  latestVersion: number | null;
  /** The draft differs from the latest published version. */
  hasUnpublishedChanges: boolean;
  signingSecret: string;
  stats: FlowStats;
  createdAt: string;
  updatedAt: string;
}

export interface StoredVersion {
  flowId: string;
  version: number;
  graph: FlowGraph;
  settings: FlowSettings;
  publishedAt: string;
  publishedBy: string | null;
}

interface FlowRow {
  id: string;
  tenant_id: string;
  name: string;
  graph: unknown;
  settings: unknown;
  status: FlowStatus;
  active_version: number | null;
  latest_version: number | null;
  signing_secret: string;
  unpublished: boolean;
  runs: number | string;
  live: number | string;
  failed: number | string;
  completed: number | string;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** Stored JSON read leniently: a graph or settings written by an older version still loads. */
export const graphOf = (value: unknown): FlowGraph =>
  FlowGraphSchema.safeParse(value).data ?? { nodes: [], edges: [] };
export const settingsOf = (value: unknown): FlowSettings =>
  FlowSettingsSchema.safeParse(value ?? {}).data ?? FlowSettingsSchema.parse({});

const SELECT_FLOW = `SELECT f.*,
    (f.latest_version IS NULL OR EXISTS (
       SELECT 1 FROM flow_versions v WHERE v.flow_id = f.id AND v.version = f.latest_version
         AND (v.graph <> f.graph OR v.settings <> f.settings))) AS unpublished,
    s.runs, s.live, s.failed, s.completed
  FROM flows f
  CROSS JOIN LATERAL (
    SELECT count(*) AS runs,
           count(*) FILTER (WHERE r.status IN ('running', 'waiting')) AS live,
           count(*) FILTER (WHERE r.status = 'failed') AS failed,
           count(*) FILTER (WHERE r.status IN ('completed', 'exited')) AS completed
    FROM flow_runs r WHERE r.flow_id = f.id AND NOT r.test
  ) s`;

function toFlow(row: FlowRow): StoredFlow {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    graph: graphOf(row.graph),
    settings: settingsOf(row.settings),
    status: row.status,
    activeVersion: row.active_version,
    latestVersion: row.latest_version,
    hasUnpublishedChanges: row.unpublished,
    signingSecret: row.signing_secret,
    stats: {
      runs: Number(row.runs),
      live: Number(row.live),
      failed: Number(row.failed),
      completed: Number(row.completed),
    },
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** A new per-flow signing secret for the flow's outgoing webhooks. */
export const newSigningSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/** The `flows` and `flow_versions` tables, in tenant transactions. */
export class FlowsRepository {
  async create(
    tx: Tx,
    tenantId: string,
    input: { name: string; graph: FlowGraph; settings: FlowSettings },
  ): Promise<StoredFlow> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO flows (tenant_id, name, graph, settings, signing_secret) VALUES ($1, $2, $3, $4, $5)
       RETURNING id`,
      [tenantId, input.name, JSON.stringify(input.graph), JSON.stringify(input.settings), newSigningSecret()],
    );
    // The trigger consumer only looks at workspaces with a generation row (test runs need it too).
    await tx.query('INSERT INTO flow_trigger_generations (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING', [
      tenantId,
    ]);
    return (await this.get(tx, rows[0]!.id))!;
  }

  async get(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<StoredFlow | undefined> {
    if (options.lock) await tx.query('SELECT 1 FROM flows WHERE id = $1 FOR UPDATE', [id]);
    const { rows } = await tx.query<FlowRow>(`${SELECT_FLOW} WHERE f.id = $1`, [id]);
    return rows[0] && toFlow(rows[0]);
  }

  /** Recently changed first, after the cursor position. */
  async list(tx: Tx, options: { after?: { updatedAt: string; id: string }; limit: number }) {
    const { rows } = await tx.query<FlowRow>(
      `${SELECT_FLOW}
       WHERE ($1::timestamptz IS NULL OR (f.updated_at, f.id) < ($1::timestamptz, $2::uuid))
       ORDER BY f.updated_at DESC, f.id DESC LIMIT $3`,
      [options.after?.updatedAt ?? null, options.after?.id ?? null, options.limit],
    );
    return rows.map(toFlow);
  }

  async update(
    tx: Tx,
    id: string,
    changes: { name?: string; graph?: FlowGraph; settings?: FlowSettings },
  ): Promise<StoredFlow | undefined> {
    const { rowCount } = await tx.query(
      `UPDATE flows SET name = coalesce($2, name), graph = coalesce($3::jsonb, graph),
         settings = coalesce($4::jsonb, settings), updated_at = date_trunc('milliseconds', now())
       WHERE id = $1`,
      [
        id,
        changes.name ?? null,
        changes.graph ? JSON.stringify(changes.graph) : null,
        changes.settings ? JSON.stringify(changes.settings) : null,
      ],
    );
    return rowCount === 0 ? undefined : this.get(tx, id);
  }

  async delete(tx: Tx, tenantId: string, id: string): Promise<boolean> {
    const { rowCount } = await tx.query('DELETE FROM flows WHERE id = $1', [id]);
    if (rowCount > 0) await this.bumpTriggerGeneration(tx, tenantId);
    return rowCount > 0;
  }

  /** Freezes the draft as the next version and makes it the active one. */
  async publish(tx: Tx, flow: StoredFlow, publishedBy: string | null): Promise<number> {
    const version = (flow.latestVersion ?? 0) + 1;
    await tx.query(
      `INSERT INTO flow_versions (tenant_id, flow_id, version, graph, settings, published_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        flow.tenantId,
        flow.id,
        version,
        JSON.stringify(flow.graph),
        JSON.stringify(flow.settings),
        publishedBy,
      ],
    );
    await this.activate(tx, flow.tenantId, flow.id, version);
    return version;
  }

  /** Makes `version` the one taking new runs. */
  async activate(tx: Tx, tenantId: string, id: string, version: number): Promise<void> {
    await tx.query(
      `UPDATE flows SET active_version = $2, latest_version = greatest(coalesce(latest_version, 0), $2),
         status = 'active', updated_at = date_trunc('milliseconds', now())
       WHERE id = $1`,
      [id, version],
    );
    await this.bumpTriggerGeneration(tx, tenantId);
  }

  async setStatus(tx: Tx, tenantId: string, id: string, status: 'active' | 'paused'): Promise<void> {
    await tx.query(
      `UPDATE flows SET status = $2, updated_at = date_trunc('milliseconds', now()) WHERE id = $1`,
      [id, status],
    );
    await this.bumpTriggerGeneration(tx, tenantId);
  }

  /** Trigger consumers in every process reload this tenant's triggers on their next batch. */
  async bumpTriggerGeneration(tx: Tx, tenantId: string): Promise<void> {
    await tx.query(
      `INSERT INTO flow_trigger_generations (tenant_id) VALUES ($1)
       ON CONFLICT (tenant_id) DO UPDATE SET generation = flow_trigger_generations.generation + 1`,
      [tenantId],
    );
  }

  async versions(tx: Tx, flowId: string): Promise<Array<StoredVersion & { liveRuns: number }>> {
    const { rows } = await tx.query<VersionRow & { live_runs: number | string }>(
      `SELECT v.*, (SELECT count(*) FROM flow_runs r WHERE r.flow_id = v.flow_id AND r.version = v.version
                      AND r.status IN ('running', 'waiting')) AS live_runs
       FROM flow_versions v WHERE v.flow_id = $1 ORDER BY v.version DESC`,
      [flowId],
    );
    return rows.map((row) => ({ ...toVersion(row), liveRuns: Number(row.live_runs) }));
  }

  async version(tx: Tx, flowId: string, version: number): Promise<StoredVersion | undefined> {
    const { rows } = await tx.query<VersionRow>(
      'SELECT * FROM flow_versions WHERE flow_id = $1 AND version = $2',
      [flowId, version],
    );
    return rows[0] && toVersion(rows[0]);
  }
}

interface VersionRow {
  flow_id: string;
  version: number;
  graph: unknown;
  settings: unknown;
  published_at: Date | string;
  published_by: string | null;
}

const toVersion = (row: VersionRow): StoredVersion => ({
  flowId: row.flow_id,
  version: row.version,
  graph: graphOf(row.graph),
  settings: settingsOf(row.settings),
  publishedAt: iso(row.published_at),
  publishedBy: row.published_by,
});
