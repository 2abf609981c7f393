import type { Tx } from '@orchestrator/shared/ports';
import { traitValues, type ProfileState } from '../../domain/index.ts';

/** A profile row as processing and undo work with it. */
export interface ProfileRecord {
  id: string;
  state: ProfileState;
  traits: Record<string, unknown>;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  eventCount: number;
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A row as `pg` returns it (dates as Date), or as JSON returns it (dates as text). */
export interface ProfileRow {
  id: string;
  state: ProfileState;
  traits: Record<string, unknown>;
  first_seen_at: Date | string | null;
  last_seen_at: Date | string | null;
  event_count: number;
  merged_into: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const PROFILE_COLUMNS =
  'id, state, traits, first_seen_at, last_seen_at, event_count, merged_into, created_at, updated_at';
const COLUMNS = PROFILE_COLUMNS;

const instant = (value: Date | string) => new Date(value).toISOString();

export const toProfileRecord = (row: ProfileRow): ProfileRecord => ({
  id: row.id,
  state: row.state,
  traits: row.traits,
  firstSeenAt: row.first_seen_at === null ? null : instant(row.first_seen_at),
  lastSeenAt: row.last_seen_at === null ? null : instant(row.last_seen_at),
  eventCount: row.event_count,
  mergedInto: row.merged_into,
  createdAt: instant(row.created_at),
  updatedAt: instant(row.updated_at),
});
const toRecord = toProfileRecord;

/**
 * The profiles holding any of the identifiers `$1` (types) / `$2` (values), by one index probe per
 * identifier whatever the planner's statistics say (LATERAL with OFFSET 0 is not flattened into a
 * scan of the tenant's rows — which a fast-growing table's stale statistics otherwise invite).
 */
export const HOLDERS_OF_IDENTIFIERS = `SELECT DISTINCT held.profile_id
  FROM unnest($1::text[], $2::text[]) AS wanted(type, value)
  CROSS JOIN LATERAL (
    SELECT i.profile_id FROM cdp_identities i WHERE i.type = wanted.type AND i.value = wanted.value OFFSET 0
  ) AS held`;

/** A profile and everything merged into it, directly or through earlier merges. */
const TREE = `WITH RECURSIVE tree(id) AS (
    SELECT $1::uuid
    UNION
    SELECT p.id FROM cdp_profiles p JOIN tree ON p.merged_into = tree.id
  )`;

/** The rows of `cdp_profiles`, as the processor and undo change them. */
export class ProfileRepository {
  /**
   * Locks the live profiles holding any of the identifiers, in id order (so two messages cannot
   * deadlock on them), one primary-key probe each. A row absorbed meanwhile drops out; the caller
   * re-reads the graph to notice. The lock is the one an UPDATE of the row takes (NO KEY UPDATE): it
   * excludes other processors, undo and erasure (which lock FOR UPDATE), but not the foreign-key
   * checks of rows inserted elsewhere that point at the profile (segment memberships, search jobs).
   */
  async lockLiveHolders(tx: Tx, types: string[], values: string[]): Promise<ProfileRecord[]> {
    if (types.length === 0) return [];
    const { rows } = await tx.query<ProfileRow>(
      `WITH holders AS MATERIALIZED (${HOLDERS_OF_IDENTIFIERS} ORDER BY 1)
       SELECT live.* FROM holders CROSS JOIN LATERAL (
         SELECT ${COLUMNS} FROM cdp_profiles p WHERE p.id = holders.profile_id AND p.merged_into IS NULL
         FOR NO KEY UPDATE
       ) AS live`,
      [types, values],
    );
    return rows.map(toRecord);
  }

  /** Locks the given profiles (live or not), in id order. */
  async lock(tx: Tx, ids: readonly string[]): Promise<ProfileRecord[]> {
    const { rows } = await tx.query<ProfileRow>(
      `SELECT ${COLUMNS} FROM cdp_profiles WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    return rows.map(toRecord);
  }

  /**
   * Stores a new state: traits and first/last seen derived from it, and the event count recomputed by
   * counting the events of the profile and everything merged into it — never incremented, so no merge,
   * redelivery or undo can count an event twice.
   */
  async saveState(tx: Tx, id: string, state: ProfileState): Promise<ProfileRecord> {
    const { rows } = await tx.query<ProfileRow>(
      `${TREE}
       UPDATE cdp_profiles SET state = $2, traits = $3, first_seen_at = $4, last_seen_at = $5, updated_at = now(),
         event_count = (SELECT count(*) FROM cdp_events WHERE profile_id = ANY(ARRAY(SELECT id FROM tree)))
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, JSON.stringify(state), JSON.stringify(traitValues(state)), state.firstSeenAt, state.lastSeenAt],
    );
    return toRecord(rows[0]!);
  }

  async restore(tx: Tx, id: string): Promise<void> {
    await tx.query('UPDATE cdp_profiles SET merged_into = NULL, updated_at = now() WHERE id = $1', [id]);
  }

  /** The profile and everything merged into it (its events make up its timeline and its counts). */
  async treeIds(tx: Tx, id: string): Promise<string[]> {
    const { rows } = await tx.query<{ id: string }>(`${TREE} SELECT id FROM tree`, [id]);
    return rows.map((row) => row.id);
  }

  /** The live profile an id stands for: itself, or the survivor at the end of its merge chain. */
  async resolveLiveId(tx: Tx, id: string): Promise<string | undefined> {
    const { rows } = await tx.query<{ id: string }>(
      `WITH RECURSIVE chain(id, merged_into, depth) AS (
         SELECT id, merged_into, 0 FROM cdp_profiles WHERE id = $1
         UNION ALL
         SELECT p.id, p.merged_into, chain.depth + 1 FROM cdp_profiles p
         JOIN chain ON p.id = chain.merged_into WHERE chain.depth < 1000
       )
       SELECT id FROM chain WHERE merged_into IS NULL`,
      [id],
    );
    return rows[0]?.id;
  }
}
