import type { Tx } from '@orchestrator/shared/ports';
import type { ConsentSource, ConsentStatus } from '../../contracts/index.ts';
import type { ConsentObservation } from '../../domain/privacy/index.ts';

/** One row of the consent log as an export shows it. */
export interface ConsentRecord extends ConsentObservation {
  /** Set for consent given through the API: the profile it was given on. */
  profileId: string | null;
  /** Set for consent a message stated: its event (which belongs to whichever profile it is attributed to). */
  eventId: string | null;
}

interface ConsentRow {
  purpose: string;
  status: ConsentStatus;
  updated_at: Date;
  source: ConsentSource;
  message_id: string | null;
  profile_id: string | null;
  event_id: string | null;
}

const toRecord = (row: ConsentRow): ConsentRecord => ({
  purpose: row.purpose,
  status: row.status,
  at: row.updated_at.toISOString(),
  source: row.source,
  messageId: row.message_id,
  profileId: row.profile_id,
  eventId: row.event_id === null ? null : String(row.event_id),
});

/**
 * The consent log of a profile tree: statements made through the API on its profiles, and statements
 * carried by the events attributed to them (so merges and undos move consent with the events).
 */
const TREE_CONSENTS = `
  SELECT c.purpose, c.status, c.updated_at, c.source, c.message_id, c.profile_id, c.event_id
  FROM cdp_profile_consents c WHERE c.profile_id = ANY($1::uuid[])
  UNION ALL
  SELECT c.purpose, c.status, c.updated_at, c.source, c.message_id, c.profile_id, c.event_id
  FROM cdp_events e JOIN cdp_profile_consents c ON c.event_id = e.id
  WHERE e.profile_id = ANY($1::uuid[])`;

/** The rows of `cdp_profile_consents`: the append-only log of consent statements. */
export class ConsentRepository {
  async recordFromEvent(
    tx: Tx,
    tenantId: string,
    eventId: number,
    observations: readonly ConsentObservation[],
  ): Promise<void> {
    await this.insert(tx, tenantId, { eventId, profileId: null }, observations);
  }

  async recordFromApi(
    tx: Tx,
    tenantId: string,
    profileId: string,
    observations: readonly ConsentObservation[],
  ): Promise<void> {
    await this.insert(tx, tenantId, { eventId: null, profileId }, observations);
  }

  /**
   * What resolving a tree's consent needs: per purpose and status the statements at the latest instant
   * (ties kept — the domain breaks them), and the earliest grant (a later denial reads "revoked"). The
   * domain rule looks at nothing else, and a profile whose every event carries a consent banner's
   * answer can have very many statements.
   */
  async latestOf(tx: Tx, treeIds: readonly string[]): Promise<ConsentObservation[]> {
    const { rows } = await tx.query<ConsentRow>(
      `SELECT purpose, status, updated_at, source, message_id, profile_id, event_id FROM (
         SELECT t.*,
           rank() OVER (PARTITION BY t.purpose, t.status ORDER BY t.updated_at DESC) AS newest,
           rank() OVER (PARTITION BY t.purpose, t.status ORDER BY t.updated_at) AS oldest
         FROM (${TREE_CONSENTS}) t
       ) ranked
       WHERE newest = 1 OR (status = 'granted' AND oldest = 1)`,
      [treeIds],
    );
    return rows.map(toRecord).map(({ purpose, status, at, source, messageId }) => ({
      purpose,
      status,
      at,
      source,
      messageId,
    }));
  }

  /** Every statement of the tree, oldest first (the export). */
  async historyOf(tx: Tx, treeIds: readonly string[]): Promise<ConsentRecord[]> {
    const { rows } = await tx.query<ConsentRow>(
      `SELECT * FROM (${TREE_CONSENTS}) t ORDER BY updated_at, purpose, source, message_id NULLS FIRST`,
      [treeIds],
    );
    return rows.map(toRecord);
  }

  /** Erasure: the tree's statements, those carried by its events included. Run before the events go. */
  async deleteOf(tx: Tx, treeIds: readonly string[]): Promise<number> {
    const { rowCount } = await tx.query(
      `DELETE FROM cdp_profile_consents
       WHERE profile_id = ANY($1::uuid[])
          OR event_id IN (SELECT id FROM cdp_events WHERE profile_id = ANY($1::uuid[]))`,
      [treeIds],
    );
    return rowCount;
  }

  private async insert(
    tx: Tx,
    tenantId: string,
    owner: { eventId: number | null; profileId: string | null },
    observations: readonly ConsentObservation[],
  ): Promise<void> {
    if (observations.length === 0) return;
    const column = <K extends keyof ConsentObservation>(key: K) => observations.map((item) => item[key]);
    await tx.query(
      `INSERT INTO cdp_profile_consents (tenant_id, profile_id, event_id, purpose, status, updated_at, source, message_id)
       SELECT $1, $2, $3, purpose, status, updated_at, source, message_id
       FROM unnest($4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[])
         AS t(purpose, status, updated_at, source, message_id)`,
      [
        tenantId,
        owner.profileId,
        owner.eventId,
        column('purpose'),
        column('status'),
        column('at'),
        column('source'),
        column('messageId'),
      ],
    );
  }
}
