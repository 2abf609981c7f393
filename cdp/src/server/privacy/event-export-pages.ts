import type { Database } from '@orchestrator/shared/ports';

/** Events read per transaction while streaming an export. */
const PAGE_SIZE = 500;

interface EventExportRow {
  id: string;
  profile_id: string;
  source_id: string;
  message_id: string;
  type: string;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  properties: unknown;
  traits: unknown;
  context: unknown;
  extra: unknown;
  identifiers: unknown;
  unlinked: unknown;
  timestamp: Date;
  received_at: Date;
  /** The sort key as text with microseconds (a JS Date would drop them and break the keyset). */
  timestamp_key: string;
}

/** One event as the export shows it: the stored message, where it came from and who it belongs to. */
export type ExportedEvent = Record<string, unknown>;

const toExported = (row: EventExportRow): ExportedEvent => ({
  id: String(row.id),
  profileId: row.profile_id,
  sourceId: row.source_id,
  messageId: row.message_id,
  type: row.type,
  event: row.event,
  userId: row.user_id,
  anonymousId: row.anonymous_id,
  properties: row.properties,
  traits: row.traits,
  context: row.context,
  extra: row.extra,
  identifiers: row.identifiers,
  /** The message's identifiers that did not link it (blocked, or left out for a limit). */
  unlinked: row.unlinked ?? [],
  timestamp: row.timestamp.toISOString(),
  receivedAt: row.received_at.toISOString(),
});

/**
 * Every event of the given profiles, a page at a time, profile by profile, oldest first. Each page is
 * its own short transaction: a slow download must not hold a connection (PGlite has only one), and
 * events are immutable. Walks the (tenant, profile, timestamp, id) index with a keyset, so a large
 * timeline costs one index range per page, not a sort of the whole timeline.
 */
export async function* eventExportPages(
  database: Database,
  tenantId: string,
  profileIds: readonly string[],
): AsyncGenerator<ExportedEvent[]> {
  for (const profileId of profileIds) {
    let after: { key: string; id: string } | null = null;
    for (;;) {
      const position: { key: string; id: string } | null = after;
      const rows: EventExportRow[] = await database.tenantTx(tenantId, async (tx) => {
        const result = await tx.query<EventExportRow>(
          `SELECT id, profile_id, source_id, message_id, type, event, user_id, anonymous_id, properties, traits,
                  context, extra, identifiers, unlinked, "timestamp", received_at,
                  to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS timestamp_key
           FROM cdp_events
           WHERE profile_id = $1
             AND ($2::timestamptz IS NULL OR ("timestamp", id) > ($2::timestamptz, $3::bigint))
           ORDER BY "timestamp", id
           LIMIT $4`,
          [profileId, position?.key ?? null, position?.id ?? null, PAGE_SIZE],
        );
        return result.rows;
      });
      if (rows.length > 0) yield rows.map(toExported);
      if (rows.length < PAGE_SIZE) break;
      const last: EventExportRow = rows[rows.length - 1]!;
      after = { key: last.timestamp_key, id: String(last.id) };
    }
  }
}
