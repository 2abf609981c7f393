import type { Tx } from '@orchestrator/shared/ports';

/**
 * The lock that orders, per profile, the parking of a wait for an event with the trigger consumer's
 * wakes. Without it an event committed by the CDP after the parking transaction looked for it, and
 * consumed before that transaction committed its wait, is seen by neither: the consumer cannot see
 * the uncommitted wait, the parking transaction's look came too early. Holding it, the parking
 * transaction looks again knowing that any consumer of that profile's events either committed already
 * (its event row is visible to the look) or waits for this commit (then sees the wait). Taken until
 * the transaction ends; several profiles in sorted order so that two takers never deadlock.
 */
export async function lockEventWaits(tx: Tx, tenantId: string, profileIds: readonly string[]): Promise<void> {
  const keys = eventWaitLockKeys(tenantId, profileIds);
  if (keys.length === 0) return;
  await tx.query(`SELECT ${takeEventWaitLocksSql('$1')}`, [keys]);
}

/** The keys of the lock above, in the order they are taken. */
export function eventWaitLockKeys(tenantId: string, profileIds: readonly string[]): string[] {
  return [...new Set(profileIds)].sort().map((profileId) => `flows:event-wait:${tenantId}:${profileId}`);
}

/** An expression taking the locks of the keys in `keysParam` (a text[] parameter), for a larger statement. */
export function takeEventWaitLocksSql(keysParam: string): string {
  return `(SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest(${keysParam}::text[]) AS k)`;
}
