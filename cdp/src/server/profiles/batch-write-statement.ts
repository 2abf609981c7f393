import { Outbox, type OutboxMessage } from '@orchestrator/shared/bus';
import type { Tx } from '@orchestrator/shared/ports';

/** The rows of each part of the batch's write, as JSON-ready objects. */
export type BatchRows = Record<
  'created' | 'updated' | 'removed' | 'moved' | 'added' | 'events' | 'attributed' | 'merges',
  readonly object[]
>;

/**
 * The event count of every profile whose state the batch writes (`$2`: created, `$3`: updated), as
 * a recount of event rows: the rows already stored in the trees of the profile and of those merged
 * into it during the batch (`roots`; the statement cannot see its own inserts), plus the batch's own
 * rows attributed to any of them (`batch_events`). Never an increment of a stored count.
 */
const EVENT_COUNTS = `counted(id, roots, batch_events) AS (
    SELECT c.id, c.roots, c.batch_events FROM jsonb_to_recordset($2::jsonb) AS c(id uuid, roots uuid[], batch_events int)
    UNION ALL
    SELECT u.id, u.roots, u.batch_events
    FROM jsonb_to_recordset($3::jsonb) AS u(id uuid, roots uuid[], batch_events int, saved boolean)
    WHERE u.saved
  ), tree(profile_id, id) AS (
    SELECT counted.id, root.id FROM counted CROSS JOIN unnest(counted.roots) AS root(id)
    UNION
    SELECT tree.profile_id, absorbed.id FROM tree
    CROSS JOIN LATERAL (SELECT p.id FROM cdp_profiles p WHERE p.merged_into = tree.id OFFSET 0) AS absorbed
  ), stored_counts AS MATERIALIZED (
    SELECT tree.profile_id,
           sum((SELECT count(*) FROM cdp_events e WHERE e.tenant_id = $1 AND e.profile_id = tree.id)) AS n
    FROM tree GROUP BY tree.profile_id
  ), counts AS MATERIALIZED (
    SELECT counted.id, counted.batch_events + coalesce(stored_counts.n, 0) AS n
    FROM counted LEFT JOIN stored_counts ON stored_counts.profile_id = counted.id
  )`;

/**
 * The parts of writeBatchRows, each a data-modifying statement on the rows of one recordset
 * parameter (`$1` is the tenant, `$P` the part's own rows as JSON, `$K` the keys of the rows it
 * changes: an index condition whatever the planner's statistics say). A profile changes in exactly
 * one part (a statement must not change a row twice).
 */
const BATCH_WRITES: Record<keyof BatchRows, string> = {
  created: `INSERT INTO cdp_profiles (id, tenant_id, created_at, updated_at, merged_into, state, traits, first_seen_at,
                             last_seen_at, event_count)
    SELECT p.id, $1, p.created_at, now(), p.merged_into, p.state, p.traits, p.first_seen_at, p.last_seen_at, counts.n
    FROM jsonb_to_recordset($P::jsonb) AS p(id uuid, created_at timestamptz, merged_into uuid, state jsonb,
      traits jsonb, first_seen_at timestamptz, last_seen_at timestamptz)
    JOIN counts ON counts.id = p.id`,
  updated: `updated_rows AS MATERIALIZED (
      SELECT u.*, counts.n FROM jsonb_to_recordset($P::jsonb) AS u(id uuid, saved boolean, merged_into uuid,
        state jsonb, traits jsonb, first_seen_at timestamptz, last_seen_at timestamptz)
      LEFT JOIN counts ON counts.id = u.id
    ), updated AS (
    UPDATE cdp_profiles p SET merged_into = u.merged_into, updated_at = now(),
      state = CASE WHEN u.saved THEN u.state ELSE p.state END,
      traits = CASE WHEN u.saved THEN u.traits ELSE p.traits END,
      first_seen_at = CASE WHEN u.saved THEN u.first_seen_at ELSE p.first_seen_at END,
      last_seen_at = CASE WHEN u.saved THEN u.last_seen_at ELSE p.last_seen_at END,
      event_count = CASE WHEN u.saved THEN u.n ELSE p.event_count END
    FROM updated_rows u
    WHERE p.id = u.id AND p.id = ANY($K))`,
  removed: `DELETE FROM cdp_identities i USING jsonb_to_recordset($P::jsonb) AS r(type text, value text, profile_id uuid)
    WHERE i.tenant_id = $1 AND i.type = r.type AND i.value = r.value AND i.profile_id = r.profile_id
      AND i.profile_id = ANY($K)`,
  moved: `UPDATE cdp_identities i SET profile_id = m.to_id
    FROM jsonb_to_recordset($P::jsonb) AS m(type text, value text, from_id uuid, to_id uuid)
    WHERE i.tenant_id = $1 AND i.type = m.type AND i.value = m.value AND i.profile_id = m.from_id
      AND i.profile_id = ANY($K)`,
  added: `INSERT INTO cdp_identities (tenant_id, type, value, profile_id, first_seen_at, added_by_event_id)
    SELECT $1, a.type, a.value, a.profile_id, a.first_seen_at, a.added_by_event_id
    FROM jsonb_to_recordset($P::jsonb)
      AS a(type text, value text, profile_id uuid, first_seen_at timestamptz, added_by_event_id bigint)
    ON CONFLICT DO NOTHING`,
  events: `INSERT INTO cdp_events (id, tenant_id, source_id, message_id, type, event, user_id, anonymous_id,
                           properties, traits, context, extra, "timestamp", received_at, profile_id, identifiers,
                           unlinked, processed_seq)
    OVERRIDING SYSTEM VALUE
    SELECT e.id, $1, e.source_id, e.message_id, e.type, e.event, e.user_id, e.anonymous_id, e.properties, e.traits,
           e.context, e.extra, e."timestamp", e.received_at, e.profile_id, e.identifiers, e.unlinked, e.processed_seq
    FROM jsonb_to_recordset($P::jsonb) AS e(id bigint, source_id text, message_id text, type text, event text,
      user_id text, anonymous_id text, properties jsonb, traits jsonb, context jsonb, extra jsonb,
      "timestamp" timestamptz, received_at timestamptz, profile_id uuid, identifiers jsonb, unlinked jsonb,
      processed_seq bigint)
    ORDER BY e.id
    ON CONFLICT (tenant_id, source_id, message_id) DO NOTHING
    RETURNING 1`,
  attributed: `UPDATE cdp_events e SET profile_id = a.profile_id, identifiers = a.identifiers,
      unlinked = a.unlinked, processed_seq = a.processed_seq
    FROM jsonb_to_recordset($P::jsonb)
      AS a(id bigint, profile_id uuid, identifiers jsonb, unlinked jsonb, processed_seq bigint)
    WHERE e.id = a.id AND e.id = ANY($K)`,
  merges: `INSERT INTO cdp_merges (id, tenant_id, survivor_id, absorbed_id, trigger_message_id, trigger_event_id,
                           processed_seq, rule, absorbed_state, created_at)
    SELECT m.id, $1, m.survivor_id, m.absorbed_id, m.trigger_message_id, m.trigger_event_id, m.processed_seq,
           m.rule, m.absorbed_state, now() + (m.ord - 1) * interval '1 microsecond'
    FROM ROWS FROM (jsonb_to_recordset($P::jsonb) AS (id uuid, survivor_id uuid, absorbed_id uuid,
           trigger_message_id text, trigger_event_id bigint, processed_seq bigint, rule text, absorbed_state jsonb))
         WITH ORDINALITY AS m(id, survivor_id, absorbed_id, trigger_message_id, trigger_event_id, processed_seq,
           rule, absorbed_state, ord)`,
};

/**
 * One statement for everything a batch writes, its outbox messages included, made of the parts that
 * have rows (the caller wakes the relay: `Outbox.enqueuedIn`).
 * Each part runs once, to completion (whether or not the final SELECT reads it), all on the same
 * snapshot, and foreign keys between them are checked once all are in. Returns how many of the
 * event rows were stored: fewer than given means another transaction stored one of these messages
 * meanwhile. (`created` and `updated` are always parameters `$2` and `$3`: the counts read them.)
 */
export async function writeBatchRows(
  tx: Tx,
  tenantId: string,
  rows: BatchRows,
  outboxMessages: readonly OutboxMessage[],
): Promise<number> {
  const parts = (Object.keys(BATCH_WRITES) as Array<keyof BatchRows>).filter(
    (name) => rows[name].length > 0 || name === 'events' || name === 'created' || name === 'updated',
  );
  const params: unknown[] = [tenantId];
  const statements = parts.map((name) => {
    params.push(JSON.stringify(rows[name]));
    let sql = BATCH_WRITES[name].replaceAll('$P', `$${params.length}`);
    const key = BATCH_KEYS[name];
    if (key) {
      params.push(rows[name].map((row) => (row as Record<string, unknown>)[key.field]));
      sql = sql.replaceAll('$K', `$${params.length}::${key.type}[]`);
    }
    return sql.startsWith('updated_rows') ? sql : `${name} AS (${sql})`;
  });
  if (outboxMessages.length > 0) {
    params.push(JSON.stringify(outboxMessages));
    statements.push(`outboxed AS (${Outbox.insertSql('$1', `$${params.length}`)})`);
  }
  const { rows: result } = await tx.query<{ events: number }>(
    `WITH RECURSIVE ${EVENT_COUNTS},
     ${statements.join(',\n')}
     SELECT count(*) AS events FROM events`,
    params,
  );
  return Number(result[0]!.events);
}

/** The key column of the parts that change existing rows (see BATCH_WRITES). */
const BATCH_KEYS: Partial<Record<keyof BatchRows, { field: string; type: string }>> = {
  updated: { field: 'id', type: 'uuid' },
  removed: { field: 'profile_id', type: 'uuid' },
  moved: { field: 'from_id', type: 'uuid' },
  attributed: { field: 'id', type: 'bigint' },
};
