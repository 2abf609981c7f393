import type { Tx } from '@orchestrator/shared/ports';
import type { Identifier } from '../../domain/index.ts';

/** One row of the identity graph as a merge snapshot keeps it. */
export interface StoredIdentity extends Identifier {
  profileId: string;
  firstSeenAt: string;
  addedByEventId: number | null;
}

interface IdentityRow {
  profile_id: string;
  type: Identifier['type'];
  value: string;
  first_seen_at: Date;
  added_by_event_id: number | null;
}

const toStoredIdentity = (row: IdentityRow): StoredIdentity => ({
  profileId: row.profile_id,
  type: row.type,
  value: row.value,
  firstSeenAt: row.first_seen_at.toISOString(),
  addedByEventId: row.added_by_event_id,
});

const asColumns = (identifiers: readonly Identifier[]) => [
  identifiers.map((identifier) => identifier.type),
  identifiers.map((identifier) => identifier.value),
];

/** The advisory lock keys of identifiers (see IdentityRepository.lock). */
export function identifierLockKeys(tenantId: string, identifiers: readonly Identifier[]): string[] {
  return identifiers.map(({ type, value }) => `${tenantId}:${type}:${value}`);
}

/** The lock hashes of the keys in the text[] parameter, distinct, in the one order locks are taken. */
export const IDENTIFIER_LOCKS = (keys: string) =>
  `(SELECT DISTINCT hashtextextended(key, 0) AS hash FROM unnest(${keys}::text[]) AS key ORDER BY 1) AS k`;

/** The rows of `cdp_identities`: which profile each (type, value) belongs to. */
export class IdentityRepository {
  /**
   * Serializes every message that carries one of these identifiers: a transaction-scoped advisory lock
   * per (tenant, type, value), taken in one sorted order so two messages cannot deadlock on them. Two
   * consumers handling the same customer therefore run one after the other — neither can create a
   * duplicate profile for a new identifier, nor plan a merge from a graph the other is changing.
   */
  async lock(tx: Tx, tenantId: string, identifiers: readonly Identifier[]): Promise<void> {
    if (identifiers.length === 0) return;
    await tx.query(`SELECT pg_advisory_xact_lock(k.hash) FROM ${IDENTIFIER_LOCKS('$1')}`, [
      identifierLockKeys(tenantId, identifiers),
    ]);
  }

  /** Every identity of these profiles (group ids included: the identity limits count them). */
  async ofProfiles(tx: Tx, profileIds: readonly string[]): Promise<StoredIdentity[]> {
    if (profileIds.length === 0) return [];
    const { rows } = await tx.query<IdentityRow>(
      `SELECT profile_id, type, value, first_seen_at, added_by_event_id FROM cdp_identities
       WHERE profile_id = ANY($1::uuid[]) ORDER BY profile_id, type, value`,
      [profileIds],
    );
    return rows.map(toStoredIdentity);
  }

  /** Moves the given identities (when `fromId` holds them) to `toId`. */
  async move(tx: Tx, fromId: string, toId: string, identifiers: readonly Identifier[]): Promise<void> {
    if (identifiers.length > 0) await this.moveRows(tx, fromId, toId, identifiers);
  }

  /**
   * An undo: the absorbed profile gets back the identities it had at merge time. A row is recognized
   * as the absorbed one's by the event that added it; a shared group id whose absorbed copy was folded
   * into the survivor's row at merge time is re-created.
   */
  async giveBack(
    tx: Tx,
    tenantId: string,
    survivorId: string,
    absorbedId: string,
    snapshot: readonly StoredIdentity[],
  ): Promise<void> {
    if (snapshot.length === 0) return;
    const json = JSON.stringify(snapshot);
    const recordset = `jsonb_to_recordset($3::jsonb) AS s(type text, value text, "firstSeenAt" timestamptz, "addedByEventId" bigint)`;
    await tx.query(
      `UPDATE cdp_identities i SET profile_id = $2 FROM ${recordset}
       WHERE i.profile_id = $1 AND i.type = s.type AND i.value = s.value
         AND i.added_by_event_id IS NOT DISTINCT FROM s."addedByEventId"`,
      [survivorId, absorbedId, json],
    );
    await tx.query(
      `INSERT INTO cdp_identities (tenant_id, type, value, profile_id, first_seen_at, added_by_event_id)
       SELECT $1, s.type, s.value, $2, s."firstSeenAt", s."addedByEventId" FROM ${recordset}
       WHERE NOT EXISTS (SELECT 1 FROM cdp_identities i WHERE i.profile_id = $2 AND i.type = s.type AND i.value = s.value)
       ON CONFLICT DO NOTHING`,
      [tenantId, absorbedId, json],
    );
  }

  /** A group id both profiles hold is kept once (the target's row); every other row changes owner. */
  private async moveRows(
    tx: Tx,
    fromId: string,
    toId: string,
    only: readonly Identifier[] | undefined,
  ): Promise<void> {
    const [types, values] = only ? asColumns(only) : [null, null];
    const selected = `($3::text[] IS NULL OR (moving.type, moving.value) IN (SELECT * FROM unnest($3::text[], $4::text[])))`;
    await tx.query(
      `DELETE FROM cdp_identities moving
       WHERE moving.profile_id = $1 AND ${selected}
         AND EXISTS (SELECT 1 FROM cdp_identities kept WHERE kept.profile_id = $2
                     AND kept.type = moving.type AND kept.value = moving.value)`,
      [fromId, toId, types, values],
    );
    await tx.query(
      `UPDATE cdp_identities moving SET profile_id = $2 WHERE moving.profile_id = $1 AND ${selected}`,
      [fromId, toId, types, values],
    );
  }
}
