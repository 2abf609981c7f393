import type { Tx } from '@orchestrator/shared/ports';
import type { NormalizedMessage, UnlinkedIdentifier } from '../../contracts/index.ts';
import type { Identifier } from '../../domain/index.ts';
import { toStoredColumns, type StoredMessageColumns } from './stored-message.ts';

export interface TimelineRow extends StoredMessageColumns {
  id: number;
  source_id: string;
  received_at: Date;
  unlinked: UnlinkedIdentifier[] | null;
  /** The sort key as text with microseconds (a JS Date would drop them and break the cursor). */
  timestamp_key: string;
}

/** An event of a survivor processed after a merge: what undo needs to decide which side it belongs to. */
export interface AttributedEvent {
  id: number;
  identifiers: Identifier[];
}

const MICROSECOND_TEXT = `to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The rows of `cdp_events`: the immutable timeline, whose unique key dedupes redelivered messages. */
export class EventRepository {
  /**
   * Stores, in one statement and in the given order, every message whose (source, messageId) was not
   * stored before — the unique key makes a redelivered message change nothing. Returns the new rows'
   * ids by `storedMessageKey`; a key that is absent was a duplicate (a message that appears twice in
   * `messages` is stored once).
   */
  async insertManyIfNew(
    tx: Tx,
    tenantId: string,
    messages: ReadonlyArray<{ sourceId: string; message: NormalizedMessage; receivedAt: string }>,
  ): Promise<Map<string, number>> {
    if (messages.length === 0) return new Map();
    const rows = messages.map(({ sourceId, message, receivedAt }) => ({
      ...toStoredColumns(message),
      source_id: sourceId,
      timestamp: message.timestamp,
      received_at: receivedAt,
    }));
    const { rows: inserted } = await tx.query<{ id: number; source_id: string; message_id: string }>(
      `INSERT INTO cdp_events (tenant_id, source_id, message_id, type, event, user_id, anonymous_id,
                               properties, traits, context, extra, "timestamp", received_at)
       SELECT $1, r.source_id, r.message_id, r.type, r.event, r.user_id, r.anonymous_id,
              r.properties, r.traits, r.context, r.extra, r."timestamp", r.received_at
       FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (source_id text, message_id text, type text, event text,
              user_id text, anonymous_id text, properties jsonb, traits jsonb, context jsonb, extra jsonb,
              "timestamp" timestamptz, received_at timestamptz)) WITH ORDINALITY
            AS r(source_id, message_id, type, event, user_id, anonymous_id, properties, traits, context, extra,
                 "timestamp", received_at, ord)
       ORDER BY r.ord
       ON CONFLICT (tenant_id, source_id, message_id) DO NOTHING
       RETURNING id, source_id, message_id`,
      [tenantId, JSON.stringify(rows)],
    );
    return new Map(inserted.map((row) => [storedMessageKey(row.source_id, row.message_id), row.id]));
  }

  /** Every event attributed to these profiles, oldest first: the input of a recomputation. */
  async messagesOf(tx: Tx, profileIds: readonly string[]): Promise<StoredMessageColumns[]> {
    const { rows } = await tx.query<StoredMessageColumns>(
      `SELECT type, message_id, event, user_id, anonymous_id, properties, traits, context, extra, "timestamp"
       FROM cdp_events WHERE profile_id = ANY($1::uuid[]) ORDER BY "timestamp", id`,
      [profileIds],
    );
    return rows;
  }

  /** Events attributed directly to `profileId` after the given processing number, in processing order. */
  async attributedAfter(tx: Tx, profileId: string, processedSeq: number): Promise<AttributedEvent[]> {
    const { rows } = await tx.query<AttributedEvent>(
      `SELECT id, identifiers FROM cdp_events
       WHERE profile_id = $1 AND processed_seq > $2 ORDER BY processed_seq`,
      [profileId, processedSeq],
    );
    return rows;
  }

  async reattribute(tx: Tx, eventIds: readonly number[], profileId: string): Promise<void> {
    if (eventIds.length === 0) return;
    await tx.query('UPDATE cdp_events SET profile_id = $2 WHERE id = ANY($1::bigint[])', [
      eventIds,
      profileId,
    ]);
  }

  /** One page of the timeline of these profiles, newest first, after the cursor position. */
  async timelinePage(
    tx: Tx,
    profileIds: readonly string[],
    after: { timestamp: string; id: number } | undefined,
    limit: number,
  ): Promise<TimelineRow[]> {
    const { rows } = await tx.query<TimelineRow>(
      `SELECT id, source_id, type, message_id, event, user_id, anonymous_id, properties, traits, context, extra,
              "timestamp", received_at, unlinked, ${MICROSECOND_TEXT} AS timestamp_key
       FROM cdp_events
       WHERE profile_id = ANY($1::uuid[])
         AND ($2::timestamptz IS NULL OR ("timestamp", id) < ($2::timestamptz, $3::bigint))
       ORDER BY "timestamp" DESC, id DESC
       LIMIT $4`,
      [profileIds, after?.timestamp ?? null, after?.id ?? null, limit],
    );
    return rows;
  }
}

/** How insertManyIfNew keys a message: its source and messageId (the unique key within a tenant). */
export function storedMessageKey(sourceId: string, messageId: string): string {
  return `${sourceId}\u0000${messageId}`;
}
