import type { Tx } from '@orchestrator/shared/ports';
import type { DocumentEvent, ProfileDocumentInput } from '../../domain/search/index.ts';
import { IdentityRepository } from '../profiles/identity-repository.ts';

/** What is stored for a profile now: the hash of its document and of the document its vector came from. */
export interface StoredDocumentState {
  documentHash: string | null;
  embeddedHash: string | null;
  embeddedModel: string | null;
}

export interface DocumentWrite {
  profileId: string;
  document: string;
  documentHash: string;
}

export interface EmbeddingWrite {
  profileId: string;
  documentHash: string;
  /** pgvector's text form, `[…]`. */
  vector: string;
}

interface EventRow {
  profile_id: string;
  type: string;
  event: string | null;
  properties: Record<string, unknown> | null;
  traits: Record<string, unknown> | null;
}

/**
 * Reads what a profile document is built from, and writes `cdp_profile_documents` and (with pgvector)
 * `cdp_profile_embeddings`. Runs in a tenant transaction, so Row Level Security scopes every statement.
 */
export class ProfileDocumentRepository {
  private readonly identities = new IdentityRepository();

  /**
   * The inputs of each live profile's document: traits, identities and its newest events — its own
   * and those of every profile merged into it, as on its timeline. Merged-away or missing profiles
   * are absent from the map (their documents are to be deleted).
   */
  async readInputs(
    tx: Tx,
    profileIds: readonly string[],
    maxEvents: number,
  ): Promise<Map<string, ProfileDocumentInput>> {
    const { rows: profiles } = await tx.query<{ id: string; traits: Record<string, unknown> }>(
      'SELECT id, traits FROM cdp_profiles WHERE id = ANY($1::uuid[]) AND merged_into IS NULL',
      [profileIds],
    );
    const liveIds = profiles.map((profile) => profile.id);
    if (liveIds.length === 0) return new Map();
    const identities = await this.identities.ofProfiles(tx, liveIds);
    const { rows: events } = await tx.query<EventRow>(
      `WITH RECURSIVE tree(root, id, tenant_id) AS (
         SELECT id, id, tenant_id FROM cdp_profiles WHERE id = ANY($1::uuid[])
         UNION
         -- One index probe per profile of the tree: joined, the planner hashed the whole table instead.
         SELECT tree.root, p.id, p.tenant_id FROM tree CROSS JOIN LATERAL (
           SELECT id, tenant_id FROM cdp_profiles WHERE merged_into = tree.id OFFSET 0
         ) p
       )
       SELECT live.root AS profile_id, e.type, e.event, e.properties, e.traits
       FROM unnest($1::uuid[]) AS live(root)
       CROSS JOIN LATERAL (
         -- The newest events of each profile of the tree, by index (profile, time), then the newest of
         -- those: \`profile_id IN (tree)\` read the tenant's whole index once per profile when the
         -- planner misjudged the tree (1.6 ms a profile at a few hundred events, growing with them).
         SELECT own.* FROM tree CROSS JOIN LATERAL (
           SELECT type, event, properties, traits, "timestamp", id FROM cdp_events
           WHERE tenant_id = tree.tenant_id AND profile_id = tree.id
           ORDER BY "timestamp" DESC, id DESC
           LIMIT $2
         ) own
         WHERE tree.root = live.root
         ORDER BY own."timestamp" DESC, own.id DESC
         LIMIT $2
       ) e
       ORDER BY live.root, e."timestamp" DESC, e.id DESC`,
      [liveIds, maxEvents],
    );
    const inputs = new Map<string, ProfileDocumentInput & { events: DocumentEvent[] }>();
    for (const profile of profiles) {
      inputs.set(profile.id, {
        traits: profile.traits,
        identities: identities
          .filter((identity) => identity.profileId === profile.id)
          .map(({ type, value }) => ({ type, value })),
        events: [],
      });
    }
    for (const row of events) {
      inputs.get(row.profile_id)?.events.push({
        type: row.type,
        event: row.event,
        properties: row.properties,
        traits: row.traits,
      });
    }
    return inputs;
  }

  /** What is stored for these profiles (`withEmbeddings`: only where cdp_profile_embeddings exists). */
  async storedState(
    tx: Tx,
    profileIds: readonly string[],
    withEmbeddings: boolean,
  ): Promise<Map<string, StoredDocumentState>> {
    const { rows } = await tx.query<{
      profile_id: string;
      document_hash: string | null;
      embedded_hash: string | null;
      embedded_model: string | null;
    }>(
      withEmbeddings
        ? `SELECT ids.id AS profile_id, d.document_hash, e.document_hash AS embedded_hash, e.model AS embedded_model
           FROM unnest($1::uuid[]) AS ids(id)
           LEFT JOIN cdp_profile_documents d ON d.profile_id = ids.id
           LEFT JOIN cdp_profile_embeddings e ON e.profile_id = ids.id`
        : `SELECT ids.id AS profile_id, d.document_hash, NULL AS embedded_hash, NULL AS embedded_model
           FROM unnest($1::uuid[]) AS ids(id)
           LEFT JOIN cdp_profile_documents d ON d.profile_id = ids.id`,
      [profileIds],
    );
    return new Map(
      rows.map((row) => [
        row.profile_id,
        {
          documentHash: row.document_hash,
          embeddedHash: row.embedded_hash,
          embeddedModel: row.embedded_model,
        },
      ]),
    );
  }

  async upsertDocuments(tx: Tx, tenantId: string, writes: readonly DocumentWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await tx.query(
      `INSERT INTO cdp_profile_documents (tenant_id, profile_id, document, document_hash)
       SELECT $1, w.profile_id, w.document, w.document_hash
       FROM unnest($2::uuid[], $3::text[], $4::text[]) AS w(profile_id, document, document_hash)
       ON CONFLICT (tenant_id, profile_id) DO UPDATE
         SET document = excluded.document, document_hash = excluded.document_hash, updated_at = now()`,
      [
        tenantId,
        writes.map((write) => write.profileId),
        writes.map((write) => write.document),
        writes.map((write) => write.documentHash),
      ],
    );
  }

  async upsertEmbeddings(
    tx: Tx,
    tenantId: string,
    model: string,
    dimensions: number,
    writes: readonly EmbeddingWrite[],
  ): Promise<void> {
    if (writes.length === 0) return;
    await tx.query(
      `INSERT INTO cdp_profile_embeddings (tenant_id, profile_id, model, dimensions, embedding, document_hash)
       SELECT $1, w.profile_id, $2, $3, w.vector::vector, w.document_hash
       FROM unnest($4::uuid[], $5::text[], $6::text[]) AS w(profile_id, vector, document_hash)
       ON CONFLICT (tenant_id, profile_id) DO UPDATE
         SET model = excluded.model, dimensions = excluded.dimensions, embedding = excluded.embedding,
             document_hash = excluded.document_hash, embedded_at = now()`,
      [
        tenantId,
        model,
        dimensions,
        writes.map((write) => write.profileId),
        writes.map((write) => write.vector),
        writes.map((write) => write.documentHash),
      ],
    );
  }

  /** Drops documents (and embeddings) of profiles that are gone: merged away, or deleted. */
  async deleteDocuments(tx: Tx, profileIds: readonly string[], withEmbeddings: boolean): Promise<void> {
    if (profileIds.length === 0) return;
    await tx.query('DELETE FROM cdp_profile_documents WHERE profile_id = ANY($1::uuid[])', [profileIds]);
    if (withEmbeddings) await this.deleteEmbeddings(tx, profileIds);
  }

  async deleteEmbeddings(tx: Tx, profileIds: readonly string[]): Promise<void> {
    if (profileIds.length === 0) return;
    await tx.query('DELETE FROM cdp_profile_embeddings WHERE profile_id = ANY($1::uuid[])', [profileIds]);
  }
}
