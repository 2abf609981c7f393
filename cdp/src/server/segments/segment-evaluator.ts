import type { Tx } from '@orchestrator/shared/ports';
import type { SegmentRule } from '../../domain/segments/index.ts';
import type { MembershipChange } from './membership-repository.ts';
import type { EvaluableSegment } from './segment-repository.ts';
import { compileSegmentRule, profileSource, SqlParameters } from './segment-sql.ts';

/** Rules compiled into one statement: keeps far below Postgres' 65535 parameters per statement. */
const SEGMENTS_PER_STATEMENT = 20;

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

/** Segment rules evaluated in the database, for a few profiles or for every profile of the tenant. */
export class SegmentEvaluator {
  /** For each live profile among `profileIds`, the segments it matches at `now` (absent: none). */
  async matching(
    tx: Tx,
    segments: readonly EvaluableSegment[],
    profileIds: readonly string[],
    now: Date,
  ): Promise<Map<string, Set<string>>> {
    const matches = new Map<string, Set<string>>();
    for (let start = 0; start < segments.length; start += SEGMENTS_PER_STATEMENT) {
      const chunk = segments.slice(start, start + SEGMENTS_PER_STATEMENT);
      const params = new SqlParameters();
      const ids = params.add(profileIds, 'uuid[]');
      const compiled = chunk.map((segment) => compileSegmentRule(segment.rule, params, now));
      const { rows } = await tx.query<Record<string, unknown> & { id: string }>(
        `SELECT p.id, ${compiled.map((rule, index) => `${rule.predicate} AS m${index}`).join(', ')}
         FROM ${profileSource(...compiled)}
         WHERE p.id = ANY(${ids}) AND p.merged_into IS NULL`,
        params.values,
      );
      for (const row of rows) {
        chunk.forEach((segment, index) => {
          if (row[`m${index}`] !== true) return;
          const matched = matches.get(row.id) ?? new Set<string>();
          matched.add(segment.id);
          matches.set(row.id, matched);
        });
      }
    }
    return matches;
  }

  /**
   * Recomputes one segment for every profile at `now`: closes the stays of profiles that no longer
   * match (or were merged away or deleted) and opens stays for live profiles that match and are not in.
   */
  async recompute(
    tx: Tx,
    segment: EvaluableSegment,
    now: Date,
  ): Promise<{ entered: MembershipChange[]; exited: MembershipChange[] }> {
    const exitParams = new SqlParameters();
    const stillIn = compileSegmentRule(segment.rule, exitParams, now);
    const exitSegment = exitParams.add(segment.id, 'uuid');
    const exitAt = exitParams.add(now.toISOString(), 'timestamptz');
    const exited = await tx.query<ChangeRow>(
      `UPDATE cdp_segment_memberships m SET exited_at = greatest(${exitAt}, m.entered_at)
       WHERE m.segment_id = ${exitSegment} AND m.exited_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM ${profileSource(stillIn)}
                         WHERE p.id = m.profile_id AND p.merged_into IS NULL AND ${stillIn.predicate})
       RETURNING m.id, m.segment_id, m.profile_id`,
      exitParams.values,
    );

    const enterParams = new SqlParameters();
    const matches = compileSegmentRule(segment.rule, enterParams, now);
    const enterSegment = enterParams.add(segment.id, 'uuid');
    const enterAt = enterParams.add(now.toISOString(), 'timestamptz');
    const entered = await tx.query<ChangeRow>(
      `INSERT INTO cdp_segment_memberships (tenant_id, segment_id, profile_id, entered_at)
       SELECT p.tenant_id, ${enterSegment}, p.id, ${enterAt}
       FROM ${profileSource(matches)}
       WHERE p.merged_into IS NULL AND ${matches.predicate}
         AND NOT EXISTS (SELECT 1 FROM cdp_segment_memberships stay
                         WHERE stay.segment_id = ${enterSegment} AND stay.profile_id = p.id AND stay.exited_at IS NULL)
       ON CONFLICT DO NOTHING
       RETURNING id, segment_id, profile_id`,
      enterParams.values,
    );
    return { entered: entered.rows.map(toChange), exited: exited.rows.map(toChange) };
  }

  /** How many live profiles match `rule` at `now`, and the ids of the most recently seen few. */
  async preview(
    tx: Tx,
    rule: SegmentRule,
    now: Date,
    sampleSize: number,
  ): Promise<{ count: number; sampleIds: string[] }> {
    const params = new SqlParameters();
    const compiled = compileSegmentRule(rule, params, now);
    const where = `p.merged_into IS NULL AND ${compiled.predicate}`;
    const counted = await tx.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM ${profileSource(compiled)} WHERE ${where}`,
      params.values,
    );
    const sampleSizeParam = params.add(sampleSize, 'int');
    const sample = await tx.query<{ id: string }>(
      `SELECT p.id FROM ${profileSource(compiled)} WHERE ${where}
       ORDER BY coalesce(p.last_seen_at, p.created_at) DESC, p.id DESC LIMIT ${sampleSizeParam}`,
      params.values,
    );
    return { count: counted.rows[0]!.count, sampleIds: sample.rows.map((row) => row.id) };
  }
}
