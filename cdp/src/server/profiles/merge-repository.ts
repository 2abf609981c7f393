import { z } from 'zod';
import type { Tx } from '@orchestrator/shared/ports';
import { IdentityTypeSchema, type Merge } from '../../contracts/index.ts';
import type { StoredIdentity } from './identity-repository.ts';
import type { ProfileRecord } from './profile-repository.ts';

/** What a merge keeps of the absorbed profile: its row and its identities at that moment. */
export interface AbsorbedSnapshot {
  profile: Omit<ProfileRecord, 'mergedInto'>;
  identities: StoredIdentity[];
}

/** The snapshot as read back: the identities are what undo relies on, so they are checked. */
const AbsorbedSnapshotSchema = z.object({
  profile: z.object({ id: z.uuid() }).loose(),
  identities: z.array(
    z.object({
      profileId: z.string(),
      type: IdentityTypeSchema,
      value: z.string(),
      firstSeenAt: z.string(),
      addedByEventId: z.number().nullable(),
    }),
  ),
});

export interface MergeRecord extends Merge {
  triggerEventId: number | null;
  processedSeq: number | null;
  absorbedState: AbsorbedSnapshot;
}

interface MergeRow {
  id: string;
  survivor_id: string;
  absorbed_id: string;
  trigger_message_id: string | null;
  trigger_event_id: number | null;
  processed_seq: number | null;
  rule: string;
  absorbed_state: unknown;
  created_at: Date;
  undone_at: Date | null;
}

const COLUMNS = `id, survivor_id, absorbed_id, trigger_message_id, trigger_event_id, processed_seq, rule,
  absorbed_state, created_at, undone_at`;

export const toMerge = (record: MergeRecord): Merge => ({
  id: record.id,
  survivorId: record.survivorId,
  absorbedId: record.absorbedId,
  triggerMessageId: record.triggerMessageId,
  rule: record.rule,
  createdAt: record.createdAt,
  undoneAt: record.undoneAt,
});

const toRecord = (row: MergeRow): MergeRecord => ({
  id: row.id,
  survivorId: row.survivor_id,
  absorbedId: row.absorbed_id,
  triggerMessageId: row.trigger_message_id,
  triggerEventId: row.trigger_event_id,
  processedSeq: row.processed_seq,
  rule: row.rule,
  absorbedState: AbsorbedSnapshotSchema.parse(row.absorbed_state) as AbsorbedSnapshot,
  createdAt: row.created_at.toISOString(),
  undoneAt: row.undone_at?.toISOString() ?? null,
});

/** The rows of `cdp_merges`: every merge, with what it takes to split it again. */
export class MergeRepository {
  async lockById(tx: Tx, id: string): Promise<MergeRecord | undefined> {
    const { rows } = await tx.query<MergeRow>(`SELECT ${COLUMNS} FROM cdp_merges WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0] && toRecord(rows[0]);
  }

  /** The merge (not undone) that absorbed this profile, if any. */
  async absorbing(tx: Tx, profileId: string): Promise<MergeRecord | undefined> {
    const { rows } = await tx.query<MergeRow>(
      `SELECT ${COLUMNS} FROM cdp_merges WHERE absorbed_id = $1 AND undone_at IS NULL
       ORDER BY created_at DESC LIMIT 1`,
      [profileId],
    );
    return rows[0] && toRecord(rows[0]);
  }

  /** Merges in which any of these profiles was survivor or absorbed, newest first (without snapshots). */
  async involving(tx: Tx, profileIds: readonly string[]): Promise<Merge[]> {
    const { rows } = await tx.query<MergeRow>(
      `SELECT id, survivor_id, absorbed_id, trigger_message_id, rule, created_at, undone_at FROM cdp_merges
       WHERE survivor_id = ANY($1::uuid[]) OR absorbed_id = ANY($1::uuid[])
       ORDER BY created_at DESC, id DESC`,
      [profileIds],
    );
    return rows.map((row) => ({
      id: row.id,
      survivorId: row.survivor_id,
      absorbedId: row.absorbed_id,
      triggerMessageId: row.trigger_message_id,
      rule: row.rule,
      createdAt: row.created_at.toISOString(),
      undoneAt: row.undone_at?.toISOString() ?? null,
    }));
  }

  async markUndone(tx: Tx, id: string): Promise<MergeRecord> {
    const { rows } = await tx.query<MergeRow>(
      `UPDATE cdp_merges SET undone_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return toRecord(rows[0]!);
  }
}
