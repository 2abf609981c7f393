// Test-only helpers (not exported from index.ts): messages as ingest publishes them, tenants, and
// order-free snapshots of what profiles look like.
import { randomUUID } from 'node:crypto';
import type { Database } from '@orchestrator/shared/ports';
import { SegmentMessageSchema, type CdpEnvelope, type NormalizedMessage } from '../../contracts/index.ts';

export const TEST_SOURCE_ID = 'test-source';

/** A message through the contract schema, with the id and timestamp ingest would have given it. */
export function envelopeOf(
  raw: Record<string, unknown> & { messageId: string; timestamp: string },
  sourceId = TEST_SOURCE_ID,
): CdpEnvelope {
  const message = SegmentMessageSchema.parse(raw) as NormalizedMessage;
  return { sourceId, receivedAt: '2030-01-01T00:00:00.000Z', message };
}

export async function createTenant(database: Database, name = 'Test'): Promise<string> {
  const id = randomUUID();
  await database.systemTx((tx) =>
    tx.query('INSERT INTO tenants (id, name, slug) VALUES ($1, $2, $3)', [id, name, `t-${id.slice(0, 12)}`]),
  );
  return id;
}

/** A live profile without its id, so runs that create profiles in another order compare equal. */
export interface ProfileSnapshot {
  identities: string[];
  traits: Record<string, unknown>;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  eventCount: number;
  /** Events attributed to the profile or to anything merged into it. */
  timeline: string[];
}

export async function liveProfiles(database: Database, tenantId: string): Promise<ProfileSnapshot[]> {
  return database.tenantTx(tenantId, async (tx) => {
    const { rows } = await tx.query<{
      id: string;
      traits: Record<string, unknown>;
      first_seen_at: Date | null;
      last_seen_at: Date | null;
      event_count: number;
      identities: string[];
      timeline: string[];
    }>(
      `SELECT p.id, p.traits, p.first_seen_at, p.last_seen_at, p.event_count,
         ARRAY(SELECT i.type || ':' || i.value FROM cdp_identities i WHERE i.profile_id = p.id ORDER BY 1) AS identities,
         ARRAY(WITH RECURSIVE tree(id) AS (SELECT p.id UNION SELECT c.id FROM cdp_profiles c JOIN tree ON c.merged_into = tree.id)
               SELECT e.message_id FROM cdp_events e WHERE e.profile_id IN (SELECT id FROM tree) ORDER BY 1) AS timeline
       FROM cdp_profiles p WHERE p.merged_into IS NULL`,
    );
    return rows
      .map((row) => ({
        identities: row.identities,
        traits: row.traits,
        firstSeenAt: row.first_seen_at?.toISOString() ?? null,
        lastSeenAt: row.last_seen_at?.toISOString() ?? null,
        eventCount: row.event_count,
        timeline: row.timeline,
      }))
      .sort((a, b) => a.identities.join(',').localeCompare(b.identities.join(',')));
  });
}

/** Counts rows of a table as the tenant sees them. */
export async function countRows(database: Database, tenantId: string, sql: string): Promise<number> {
  const { rows } = await database.tenantTx(tenantId, (tx) => tx.query<{ n: number }>(sql));
  return Number(rows[0]?.n ?? 0);
}
