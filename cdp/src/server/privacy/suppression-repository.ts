import type { Tx } from '@orchestrator/shared/ports';
import type { IdentityType, SuppressionStats } from '../../contracts/index.ts';

export interface SuppressionEntry {
  type: IdentityType;
  hash: string;
}

/** The rows of `cdp_suppressions`: hashed identifiers of deleted people. */
export class SuppressionRepository {
  /**
   * Whether any of the hashes is suppressed; if so, counts the dropped message on one entry (the
   * lowest hash, so a message carrying two suppressed ids counts once). One statement: the common
   * case — nothing suppressed — is a single index probe.
   */
  async dropIfSuppressed(tx: Tx, tenantId: string, hashes: readonly string[]): Promise<boolean> {
    if (hashes.length === 0) return false;
    const { rows } = await tx.query<{ value_hash: string }>(
      `UPDATE cdp_suppressions SET dropped_messages = dropped_messages + 1, last_dropped_at = now()
       WHERE tenant_id = $1 AND value_hash = (
         SELECT value_hash FROM cdp_suppressions WHERE tenant_id = $1 AND value_hash = ANY($2::text[])
         ORDER BY value_hash LIMIT 1)
       RETURNING value_hash`,
      [tenantId, hashes],
    );
    return rows.length > 0;
  }

  /** Adds entries (an entry that exists stays as it is); returns how many are new. */
  async suppress(
    tx: Tx,
    tenantId: string,
    entries: readonly SuppressionEntry[],
    reason: string,
  ): Promise<number> {
    if (entries.length === 0) return 0;
    const { rowCount } = await tx.query(
      `INSERT INTO cdp_suppressions (tenant_id, type, value_hash, reason)
       SELECT $1, type, value_hash, $4 FROM unnest($2::text[], $3::text[]) AS t(type, value_hash)
       ON CONFLICT (tenant_id, value_hash) DO NOTHING`,
      [tenantId, entries.map((entry) => entry.type), entries.map((entry) => entry.hash), reason],
    );
    return rowCount;
  }

  async stats(tx: Tx): Promise<SuppressionStats> {
    const { rows } = await tx.query<{ entries: string; dropped: string; last_dropped_at: Date | null }>(
      `SELECT count(*) AS entries, coalesce(sum(dropped_messages), 0) AS dropped, max(last_dropped_at) AS last_dropped_at
       FROM cdp_suppressions`,
    );
    const row = rows[0]!;
    return {
      entries: Number(row.entries),
      droppedMessages: Number(row.dropped),
      lastDroppedAt: row.last_dropped_at?.toISOString() ?? null,
    };
  }
}
