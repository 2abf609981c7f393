import { ConflictError } from '@orchestrator/shared/errors';
import type { Tx } from '@orchestrator/shared/ports';
import type { Segment } from '../../contracts/index.ts';
import { hasTimeWindow, SegmentRuleSchema, type SegmentRule } from '../../domain/segments/index.ts';

/** A segment as evaluation needs it: its rule parsed (stored rules are checked again on the way out). */
export interface EvaluableSegment {
  id: string;
  name: string;
  rule: SegmentRule;
}

export interface SegmentWrite {
  name: string;
  description: string | null;
  rule: SegmentRule;
}

interface SegmentRow {
  id: string;
  name: string;
  description: string | null;
  rule: SegmentRule;
  time_windowed: boolean;
  evaluated_at: Date | null;
  created_at: Date;
  updated_at: Date;
  member_count: number;
}

const SELECT_SEGMENT = `SELECT s.id, s.name, s.description, s.rule, s.time_windowed, s.evaluated_at, s.created_at, s.updated_at,
    (SELECT count(*)::int FROM cdp_segment_memberships m
     WHERE m.tenant_id = s.tenant_id AND m.segment_id = s.id AND m.exited_at IS NULL) AS member_count
  FROM cdp_segments s`;

const toSegment = (row: SegmentRow): Segment => ({
  id: row.id,
  name: row.name,
  description: row.description,
  rule: row.rule,
  memberCount: row.member_count,
  timeWindowed: row.time_windowed,
  evaluatedAt: row.evaluated_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Rules that no longer parse (a language change) are left out of evaluation rather than guessed at. */
function evaluable(row: { id: string; name: string; rule: unknown }): EvaluableSegment | undefined {
  const parsed = SegmentRuleSchema.safeParse(row.rule);
  return parsed.success ? { id: row.id, name: row.name, rule: parsed.data } : undefined;
}

/** The rows of `cdp_segments`. */
export class SegmentRepository {
  async list(tx: Tx): Promise<Segment[]> {
    const { rows } = await tx.query<SegmentRow>(`${SELECT_SEGMENT} ORDER BY lower(s.name), s.id`);
    return rows.map(toSegment);
  }

  async get(tx: Tx, id: string): Promise<Segment | undefined> {
    const { rows } = await tx.query<SegmentRow>(`${SELECT_SEGMENT} WHERE s.id = $1`, [id]);
    return rows[0] && toSegment(rows[0]);
  }

  async insert(tx: Tx, tenantId: string, segment: SegmentWrite): Promise<string> {
    await this.refuseTakenName(tx, segment.name);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO cdp_segments (tenant_id, name, description, rule, time_windowed) VALUES ($1, $2, $3, $4, $5)
       RETURNING id`,
      [
        tenantId,
        segment.name,
        segment.description,
        JSON.stringify(segment.rule),
        hasTimeWindow(segment.rule),
      ],
    );
    return rows[0]!.id;
  }

  /** Replaces name, description and rule; false when there is no such segment. */
  async update(tx: Tx, id: string, segment: SegmentWrite): Promise<boolean> {
    await this.refuseTakenName(tx, segment.name, id);
    const { rowCount } = await tx.query(
      `UPDATE cdp_segments SET name = $2, description = $3, rule = $4, time_windowed = $5, updated_at = now()
       WHERE id = $1`,
      [id, segment.name, segment.description, JSON.stringify(segment.rule), hasTimeWindow(segment.rule)],
    );
    return rowCount > 0;
  }

  async delete(tx: Tx, id: string): Promise<boolean> {
    const { rowCount } = await tx.query('DELETE FROM cdp_segments WHERE id = $1', [id]);
    return rowCount > 0;
  }

  /** One segment with its rule parsed; a rule that no longer parses is a conflict to resolve by editing. */
  async evaluable(tx: Tx, id: string): Promise<EvaluableSegment | undefined> {
    const { rows } = await tx.query<{ id: string; name: string; rule: unknown }>(
      'SELECT id, name, rule FROM cdp_segments WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    const segment = evaluable(row);
    if (!segment)
      throw new ConflictError(`The rule of “${row.name}” is no longer valid; edit and save it again`);
    return segment;
  }

  /** Every segment of the tenant whose rule parses. */
  async allEvaluable(tx: Tx): Promise<EvaluableSegment[]> {
    const { rows } = await tx.query<{ id: string; name: string; rule: unknown }>(
      'SELECT id, name, rule FROM cdp_segments ORDER BY id',
    );
    return rows.map(evaluable).filter((segment) => segment !== undefined);
  }

  async markEvaluated(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.query('UPDATE cdp_segments SET evaluated_at = $2 WHERE id = $1', [id, at.toISOString()]);
  }

  async evaluatedAt(tx: Tx, id: string): Promise<Date | null> {
    const { rows } = await tx.query<{ evaluated_at: Date | null }>(
      'SELECT evaluated_at FROM cdp_segments WHERE id = $1',
      [id],
    );
    return rows[0]?.evaluated_at ?? null;
  }

  /** Segments whose rules have time windows, across tenants, least recently evaluated first (system tx). */
  async timeWindowed(
    tx: Tx,
    evaluatedBefore: Date,
    limit: number,
  ): Promise<Array<{ tenantId: string; id: string }>> {
    const { rows } = await tx.query<{ tenant_id: string; id: string }>(
      `SELECT tenant_id, id FROM cdp_segments
       WHERE time_windowed AND (evaluated_at IS NULL OR evaluated_at < $1)
       ORDER BY evaluated_at NULLS FIRST, id LIMIT $2`,
      [evaluatedBefore.toISOString(), limit],
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, id: row.id }));
  }

  async count(tx: Tx): Promise<number> {
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM cdp_segments');
    return rows[0]!.n;
  }

  private async refuseTakenName(tx: Tx, name: string, exceptId?: string): Promise<void> {
    const { rows } = await tx.query(
      'SELECT 1 FROM cdp_segments WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid',
      [name, exceptId ?? null],
    );
    if (rows.length > 0) throw new ConflictError(`A segment named “${name}” already exists`);
  }
}
