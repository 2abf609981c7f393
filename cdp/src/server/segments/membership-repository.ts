import type { Tx } from '@orchestrator/shared/ports';
import type { SegmentMembership } from '../../contracts/index.ts';

/** One stay of a profile in a segment, as evaluation opens and closes them. */
export interface MembershipChange {
  id: string;
  segmentId: string;
  profileId: string;
}

export interface MemberPosition {
  at: string;
  id: string;
}

interface ChangeRow {
  id: string;
  segment_id: string;
  profile_id: string;
}

const toChange = (row: ChangeRow): MembershipChange => ({
  id: row.id,
  segmentId: row.segment_id,
  profileId: row.profile_id,
});

/** The rows of `cdp_segment_memberships`: one per stay, open (exited_at NULL) while it lasts. */
export class MembershipRepository {
  /** The open stays of these profiles. */
  async openOf(tx: Tx, profileIds: readonly string[]): Promise<MembershipChange[]> {
    const { rows } = await tx.query<ChangeRow>(
      `SELECT id, segment_id, profile_id FROM cdp_segment_memberships
       WHERE profile_id = ANY($1::uuid[]) AND exited_at IS NULL`,
      [profileIds],
    );
    return rows.map(toChange);
  }

  /**
   * Opens stays; a pair that already has an open stay (a concurrent evaluation got there first) is
   * skipped, so only the stays really opened come back — and only those get an Entered event.
   */
  async enter(
    tx: Tx,
    tenantId: string,
    pairs: ReadonlyArray<{ segmentId: string; profileId: string }>,
    at: Date,
  ): Promise<MembershipChange[]> {
    if (pairs.length === 0) return [];
    const { rows } = await tx.query<ChangeRow>(
      `INSERT INTO cdp_segment_memberships (tenant_id, segment_id, profile_id, entered_at)
       SELECT $1, pair.segment_id, pair.profile_id, $4
       FROM unnest($2::uuid[], $3::uuid[]) AS pair(segment_id, profile_id)
       ON CONFLICT DO NOTHING
       RETURNING id, segment_id, profile_id`,
      [tenantId, pairs.map((pair) => pair.segmentId), pairs.map((pair) => pair.profileId), at.toISOString()],
    );
    return rows.map(toChange);
  }

  /** Closes open stays; those closed meanwhile are skipped (and get no second Exited event). */
  async exit(tx: Tx, ids: readonly string[], at: Date): Promise<MembershipChange[]> {
    if (ids.length === 0) return [];
    const { rows } = await tx.query<ChangeRow>(
      `UPDATE cdp_segment_memberships SET exited_at = greatest($2::timestamptz, entered_at)
       WHERE id = ANY($1::uuid[]) AND exited_at IS NULL
       RETURNING id, segment_id, profile_id`,
      [ids, at.toISOString()],
    );
    return rows.map(toChange);
  }

  /** Current members of a segment, most recent entries first, after the cursor position. */
  async members(
    tx: Tx,
    segmentId: string,
    after: MemberPosition | undefined,
    limit: number,
  ): Promise<Array<{ profileId: string; enteredAt: string; sortKey: string }>> {
    const { rows } = await tx.query<{ profile_id: string; entered_at: Date; sort_key: string }>(
      `SELECT profile_id, entered_at,
              to_char(entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_key
       FROM cdp_segment_memberships
       WHERE segment_id = $1 AND exited_at IS NULL
         AND ($2::timestamptz IS NULL OR (entered_at, profile_id) < ($2::timestamptz, $3::uuid))
       ORDER BY entered_at DESC, profile_id DESC
       LIMIT $4`,
      [segmentId, after?.at ?? null, after?.id ?? null, limit],
    );
    return rows.map((row) => ({
      profileId: row.profile_id,
      enteredAt: row.entered_at.toISOString(),
      sortKey: row.sort_key,
    }));
  }

  /** A profile's stays, current ones first, then the most recent; at most `limit`. */
  async ofProfile(tx: Tx, profileId: string, limit: number): Promise<SegmentMembership[]> {
    const { rows } = await tx.query<{
      segment_id: string;
      segment_name: string;
      entered_at: Date;
      exited_at: Date | null;
    }>(
      `SELECT m.segment_id, s.name AS segment_name, m.entered_at, m.exited_at
       FROM cdp_segment_memberships m JOIN cdp_segments s ON s.id = m.segment_id
       WHERE m.profile_id = $1
       ORDER BY m.exited_at IS NULL DESC, m.entered_at DESC, m.id
       LIMIT $2`,
      [profileId, limit],
    );
    return rows.map((row) => ({
      segmentId: row.segment_id,
      segmentName: row.segment_name,
      enteredAt: row.entered_at.toISOString(),
      exitedAt: row.exited_at?.toISOString() ?? null,
    }));
  }
}
