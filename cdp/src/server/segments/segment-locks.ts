import type { Tx } from '@orchestrator/shared/ports';

/**
 * Who may write a tenant's memberships when. Incremental evaluation (a few profiles against every
 * segment) holds the tenant's segment lock SHARED and a lock per profile, so two evaluations of one
 * profile run one after the other and the later one sees what the earlier wrote. Full evaluation, rule
 * changes and deletes (one segment against every profile) hold it EXCLUSIVE. Transaction-scoped
 * advisory locks: nothing to clean up, nothing written to the segment rows on the hot path.
 * Order: the tenant lock first, then profile locks sorted — so no two evaluations can deadlock.
 */
const tenantKey = (tenantId: string) => `cdp-segments:tenant:${tenantId}`;

export async function lockSegmentsShared(tx: Tx, tenantId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [tenantKey(tenantId)]);
}

export async function lockSegmentsExclusive(tx: Tx, tenantId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [tenantKey(tenantId)]);
}

export async function lockProfilesForSegments(tx: Tx, profileIds: readonly string[]): Promise<void> {
  if (profileIds.length === 0) return;
  await tx.query(
    `SELECT pg_advisory_xact_lock(k.hash)
     FROM (SELECT DISTINCT hashtextextended('cdp-segments:profile:' || id, 0) AS hash
           FROM unnest($1::text[]) AS id ORDER BY 1) AS k`,
    [profileIds],
  );
}
