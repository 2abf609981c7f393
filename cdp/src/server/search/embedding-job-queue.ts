import type { Queryable, Tx } from '@orchestrator/shared/ports';

export interface EmbeddingJobKey {
  tenantId: string;
  profileId: string;
}

/** A job a worker holds a lease on. */
export interface ClaimedJob extends EmbeddingJobKey {
  /** `requested_at` exactly as stored (text, microseconds), to tell whether it was requested again. */
  requestedAt: string;
}

export interface EmbeddingJobQueueOptions {
  /**
   * How long after the request that queues a profile its job is due (and after a request that came
   * while it was worked on). Requests for a profile already queued do not postpone it. Default 0.
   */
  delayMs?: number;
}

/**
 * `cdp_embedding_jobs`: one row per profile whose document needs a refresh, however many changes
 * asked for it. A job is due `delayMs` after its first request, so a burst of changes costs one
 * refresh. A worker claims due rows with a lease (`FOR UPDATE SKIP LOCKED`, so workers never take the
 * same row), works without holding locks (embedding may call a remote API), then finishes only the
 * jobs nobody requested again meanwhile — a newer request keeps its row and is worked off next.
 */
export class EmbeddingJobQueue {
  private readonly delaySeconds: number;

  constructor(options: EmbeddingJobQueueOptions = {}) {
    this.delaySeconds = (options.delayMs ?? 0) / 1000;
  }

  /**
   * Requests a refresh of each profile that still exists (a profile deleted meanwhile is skipped
   * rather than failing the batch). Sorted, so concurrent requests lock rows in the same order. One
   * statement: in a transaction, or committed alone (`Database.systemQuery`).
   */
  async request(tx: Queryable, jobs: readonly EmbeddingJobKey[]): Promise<void> {
    const unique = [...new Map(jobs.map((job) => [`${job.tenantId}:${job.profileId}`, job])).values()].sort(
      (left, right) => compare(left.tenantId, right.tenantId) || compare(left.profileId, right.profileId),
    );
    if (unique.length === 0) return;
    await tx.query(
      `INSERT INTO cdp_embedding_jobs (tenant_id, profile_id, requested_at, due_at)
       SELECT p.tenant_id, p.id, now.at, now.at + make_interval(secs => $3)
       FROM (SELECT clock_timestamp() AS at) AS now
       CROSS JOIN unnest($1::uuid[], $2::uuid[]) AS wanted(tenant_id, profile_id)
       JOIN cdp_profiles p ON p.id = wanted.profile_id AND p.tenant_id = wanted.tenant_id
       -- The profiles by primary key: joined alone, the planner hashed the whole table (7 ms at 10,000).
       WHERE p.id = ANY ($2::uuid[])
       ORDER BY p.tenant_id, p.id
       ON CONFLICT (tenant_id, profile_id) DO UPDATE SET requested_at = clock_timestamp()`,
      [unique.map((job) => job.tenantId), unique.map((job) => job.profileId), this.delaySeconds],
    );
  }

  /**
   * Requests every live profile without a document — and, with `embeddingModel`, every one whose
   * non-empty document has no embedding of that model (pgvector added later, or the model changed).
   */
  async requestMissing(tx: Tx, embeddingModel: string | null): Promise<number> {
    const { rowCount } = await tx.query(
      `INSERT INTO cdp_embedding_jobs (tenant_id, profile_id)
       SELECT p.tenant_id, p.id FROM cdp_profiles p
       LEFT JOIN cdp_profile_documents d ON d.tenant_id = p.tenant_id AND d.profile_id = p.id
       WHERE p.merged_into IS NULL
         AND (d.profile_id IS NULL
              ${embeddingModel === null ? '' : MISSING_EMBEDDING})
       ON CONFLICT (tenant_id, profile_id) DO NOTHING`,
      embeddingModel === null ? [] : [embeddingModel],
    );
    return rowCount;
  }

  /** Leases up to `limit` due jobs, the longest due first, skipping jobs another worker holds. */
  async claim(tx: Tx, limit: number, leaseSeconds: number): Promise<ClaimedJob[]> {
    const { rows } = await tx.query<{ tenant_id: string; profile_id: string; requested_at: string }>(
      `UPDATE cdp_embedding_jobs j SET claimed_until = now() + make_interval(secs => $2)
       FROM (SELECT tenant_id, profile_id FROM cdp_embedding_jobs
             WHERE due_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
             ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED) claimable
       WHERE j.tenant_id = claimable.tenant_id AND j.profile_id = claimable.profile_id
       RETURNING j.tenant_id, j.profile_id, j.requested_at::text AS requested_at`,
      [limit, leaseSeconds],
    );
    return rows.map((row) => ({
      tenantId: row.tenant_id,
      profileId: row.profile_id,
      requestedAt: row.requested_at,
    }));
  }

  /**
   * Locks every claimed job until the transaction ends and returns those not requested again since the
   * claim. All of them in one sweep, in key order (as `request` takes them): a job requested again is
   * released later in the same transaction, and taking its lock only then would deadlock with a request
   * that holds it and waits for one of the unchanged jobs. A request arriving now waits, and after
   * commit finds a finished job's row gone and inserts a new one.
   */
  async lockClaimed(tx: Tx, jobs: readonly ClaimedJob[]): Promise<Set<string>> {
    if (jobs.length === 0) return new Set();
    const { rows } = await tx.query<{ profile_id: string; unchanged: boolean }>(
      `SELECT j.profile_id, j.requested_at = claimed.requested_at AS unchanged FROM cdp_embedding_jobs j
       JOIN unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS claimed(tenant_id, profile_id, requested_at)
         ON j.tenant_id = claimed.tenant_id AND j.profile_id = claimed.profile_id
       ORDER BY j.tenant_id, j.profile_id
       FOR UPDATE OF j`,
      [jobs.map((job) => job.tenantId), jobs.map((job) => job.profileId), jobs.map((job) => job.requestedAt)],
    );
    return new Set(rows.filter((row) => row.unchanged).map((row) => row.profile_id));
  }

  async complete(tx: Tx, tenantId: string, profileIds: readonly string[]): Promise<void> {
    if (profileIds.length === 0) return;
    await tx.query('DELETE FROM cdp_embedding_jobs WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])', [
      tenantId,
      profileIds,
    ]);
  }

  /**
   * Gives leased jobs back: they were requested again while being worked on, and are due `delayMs`
   * after that request (the first change since the refresh, or a later one: never more than the
   * delay after the newest).
   */
  async release(tx: Tx, tenantId: string, profileIds: readonly string[]): Promise<void> {
    if (profileIds.length === 0) return;
    await tx.query(
      `UPDATE cdp_embedding_jobs SET claimed_until = NULL, due_at = requested_at + make_interval(secs => $3)
       WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])`,
      [tenantId, profileIds, this.delaySeconds],
    );
  }

  /**
   * Milliseconds until the next job nobody holds falls due (0 if one is due), by the database's clock;
   * null when there is none. Jobs under a lease are left out: a crashed worker's lease is noticed by
   * the polling.
   */
  async untilNextDue(tx: Queryable): Promise<number | null> {
    const { rows } = await tx.query<{ wait_ms: number }>(
      `SELECT greatest(0, extract(epoch FROM due_at - clock_timestamp()) * 1000)::float8 AS wait_ms
       FROM cdp_embedding_jobs WHERE claimed_until IS NULL ORDER BY due_at LIMIT 1`,
    );
    return rows[0] ? Number(rows[0].wait_ms) : null;
  }
}

const MISSING_EMBEDDING = `OR (d.document <> '' AND NOT EXISTS (
                SELECT 1 FROM cdp_profile_embeddings e
                WHERE e.tenant_id = p.tenant_id AND e.profile_id = p.id AND e.model = $1))`;

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
