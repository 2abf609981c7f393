import type { Tx } from '@orchestrator/shared/ports';
import type { BlockedIdentifier } from '../../contracts/index.ts';
import { workspaceBlockedSet } from '../../domain/index.ts';

/** The rows of `cdp_blocked_identifiers`: a workspace's additions to the built-in placeholder list. */
export class BlockedIdentifierRepository {
  async list(tx: Tx): Promise<BlockedIdentifier[]> {
    const { rows } = await tx.query<BlockedIdentifier>(
      'SELECT type, value FROM cdp_blocked_identifiers ORDER BY type, value',
    );
    return rows;
  }

  /** The set `isBlockedIdentifier` looks up (`${type}:${value}`, lower-case). */
  async blockedSet(tx: Tx): Promise<ReadonlySet<string>> {
    return workspaceBlockedSet((await this.list(tx)).map(({ type, value }) => `${type}:${value}`));
  }

  /** Replaces the whole list. Applies to messages processed from now on; existing links stay. */
  async replace(tx: Tx, tenantId: string, entries: readonly BlockedIdentifier[]): Promise<void> {
    await tx.query('DELETE FROM cdp_blocked_identifiers');
    if (entries.length === 0) return;
    await tx.query(
      `INSERT INTO cdp_blocked_identifiers (tenant_id, type, value)
       SELECT DISTINCT $1::uuid, e->>'type', e->>'value' FROM jsonb_array_elements($2::jsonb) AS e`,
      [tenantId, JSON.stringify(entries)],
    );
  }
}
