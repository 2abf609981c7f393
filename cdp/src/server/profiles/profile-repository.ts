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

interface ProfileRow {
  id: string;
  state: ProfileState;
  traits: Record<string, unknown>;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  event_count: number;
  merged_into: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'id, state, traits, first_seen_at, last_seen_at, event_count, merged_into, created_at, updated_at';

const toRecord = (row: ProfileRow): ProfileRecord => ({
  id: row.id,
  state: row.state,
  traits: row.traits,
  firstSeenAt: row.first_seen_at?.toISOString() ?? null,
  lastSeenAt: row.last_seen_at?.toISOString() ?? null,
  eventCount: row.event_count,
  mergedInto: row.merged_into,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

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
  async create(tx: Tx, tenantId: string): Promise<ProfileRecord> {
    const { rows } = await tx.query<ProfileRow>(
      `INSERT INTO cdp_profiles (tenant_id) VALUES ($1) RETURNING ${COLUMNS}`,
      [tenantId],
    );
    return toRecord(rows[0]!);
  }

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

  /**
   * The batched saveState: each profile's new state, and its event count recounted over the profile
   * and everything merged into it (after the batch's events were attributed and merges recorded) —
   * once per profile however many of the batch's messages touched it.
   */
  async saveStates(
    tx: Tx,
    tenantId: string,
    states: ReadonlyArray<{ id: string; state: ProfileState }>,
  ): Promise<void> {
    if (states.length === 0) return;
    await tx.query(
      // MATERIALIZED, LATERAL and OFFSET 0 pin the plan: each count runs once and every step of the tree
      // is an index probe (an inlined CTE under a misestimated nested loop recounted every profile once
      // per profile; a flattened join scanned the whole table).
      `WITH RECURSIVE input AS MATERIALIZED (
         SELECT * FROM jsonb_to_recordset($2::jsonb)
           AS s(id uuid, state jsonb, traits jsonb, first_seen_at timestamptz, last_seen_at timestamptz)
       ), tree(root, id) AS (
         SELECT id, id FROM input
         UNION
         SELECT tree.root, absorbed.id FROM tree
         CROSS JOIN LATERAL (SELECT p.id FROM cdp_profiles p WHERE p.merged_into = tree.id OFFSET 0) AS absorbed
       ), counts AS MATERIALIZED (
         SELECT tree.root,
                sum((SELECT count(*) FROM cdp_events e WHERE e.tenant_id = $1 AND e.profile_id = tree.id)) AS n
         FROM tree GROUP BY tree.root
       )
       UPDATE cdp_profiles p SET state = i.state, traits = i.traits, first_seen_at = i.first_seen_at,
         last_seen_at = i.last_seen_at, updated_at = now(), event_count = c.n
       FROM input i JOIN counts c ON c.root = i.id
       WHERE p.id = i.id`,
      [
        tenantId,
        JSON.stringify(
          states.map(({ id, state }) => ({
            id,
            state,
            traits: traitValues(state),
            first_seen_at: state.firstSeenAt,
            last_seen_at: state.lastSeenAt,
          })),
        ),
      ],
    );
  }

  async markMerged(tx: Tx, absorbedId: string, survivorId: string): Promise<void> {
    await tx.query('UPDATE cdp_profiles SET merged_into = $2, updated_at = now() WHERE id = $1', [
      absorbedId,
      survivorId,
    ]);
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
