import type { Tx } from '@orchestrator/shared/ports';
import type { Source } from '../../contracts/index.ts';
import { newWriteKey } from './write-key.ts';

interface SourceRow {
  id: string;
  name: string;
  write_key: string;
  enabled: boolean;
  created_at: Date;
  rotated_at: Date | null;
}

/** What the ingest needs to know about a write key. */
export interface WriteKeyOwner {
  sourceId: string;
  tenantId: string;
  enabled: boolean;
}

const COLUMNS = 'id, name, write_key, enabled, created_at, rotated_at';

const toSource = (row: SourceRow): Source => ({
  id: row.id,
  name: row.name,
  writeKey: row.write_key,
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
  rotatedAt: row.rotated_at?.toISOString() ?? null,
});

/**
 * The rows of `cdp_sources`. Everything but `findByWriteKey` runs in a tenant transaction (RLS walls it);
 * `findByWriteKey` runs in a system transaction because the ingest learns the tenant from the key.
 */
export class SourcesRepository {
  async create(tx: Tx, tenantId: string, name: string): Promise<Source> {
    const { rows } = await tx.query<SourceRow>(
      `INSERT INTO cdp_sources (tenant_id, name, write_key) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [tenantId, name, newWriteKey()],
    );
    return toSource(rows[0]!);
  }

  async list(tx: Tx): Promise<Source[]> {
    const { rows } = await tx.query<SourceRow>(`SELECT ${COLUMNS} FROM cdp_sources ORDER BY created_at, id`);
    return rows.map(toSource);
  }

  async exists(tx: Tx, id: string): Promise<boolean> {
    const { rows } = await tx.query('SELECT 1 FROM cdp_sources WHERE id = $1', [id]);
    return rows.length > 0;
  }

  /** Applies the given changes; undefined when there is no such source. */
  async update(
    tx: Tx,
    id: string,
    changes: { name?: string; enabled?: boolean },
  ): Promise<{ before: Source; after: Source } | undefined> {
    const before = await this.lockById(tx, id);
    if (!before) return undefined;
    const { rows } = await tx.query<SourceRow>(
      `UPDATE cdp_sources SET name = coalesce($2, name), enabled = coalesce($3, enabled)
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.name ?? null, changes.enabled ?? null],
    );
    return { before, after: toSource(rows[0]!) };
  }

  /** Replaces the write key; the old one matches nothing from this commit on. */
  async rotate(tx: Tx, id: string): Promise<{ before: Source; after: Source } | undefined> {
    const before = await this.lockById(tx, id);
    if (!before) return undefined;
    const { rows } = await tx.query<SourceRow>(
      `UPDATE cdp_sources SET write_key = $2, rotated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, newWriteKey()],
    );
    return { before, after: toSource(rows[0]!) };
  }

  async findByWriteKey(tx: Tx, writeKey: string): Promise<WriteKeyOwner | undefined> {
    const { rows } = await tx.query<{ id: string; tenant_id: string; enabled: boolean }>(
      'SELECT id, tenant_id, enabled FROM cdp_sources WHERE write_key = $1',
      [writeKey],
    );
    const row = rows[0];
    return row ? { sourceId: row.id, tenantId: row.tenant_id, enabled: row.enabled } : undefined;
  }

  private async lockById(tx: Tx, id: string): Promise<Source | undefined> {
    const { rows } = await tx.query<SourceRow>(
      `SELECT ${COLUMNS} FROM cdp_sources WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ? toSource(rows[0]) : undefined;
  }
}
