import type { Tx } from '@orchestrator/shared/ports';
import type { Identifier } from '../../domain/index.ts';
import type { FreshMessage } from './batch-message.ts';
import { storedMessageKey } from './event-repository.ts';
import type { StoredIdentity } from './identity-repository.ts';
import {
  HOLDERS_OF_IDENTIFIERS,
  PROFILE_COLUMNS,
  ProfileRepository,
  toProfileRecord,
  type ProfileRecord,
  type ProfileRow,
} from './profile-repository.ts';
import { WorkingGraph } from './working-graph.ts';

/*
 * How a batch loads what it resolves against, once it holds the advisory locks of its identifiers:
 * the messages already stored, the suppressed identifiers and the locked live profiles (one round
 * trip), then every identity of those profiles with the processing numbers (one more, again while the
 * graph kept changing).
 */

/** Re-reads of the identity graph while other transactions keep changing it, before giving up. */
const MAX_LOCK_ROUNDS = 10;

const profiles = new ProfileRepository();

/**
 * One statement once the batch holds its advisory locks: which of the messages are stored already
 * (processed before), which of their identifiers are suppressed (people erased under GDPR), and the
 * row locks of the live profiles holding any of the wanted identifiers (as lockLiveHolders takes
 * them: in id order, one primary-key probe each).
 */
export async function lookUpAndLock(
  tx: Tx,
  tenantId: string,
  messages: readonly FreshMessage[],
  wanted: readonly Identifier[],
): Promise<{ stored: Set<string>; suppressed: Set<string>; locked: ProfileRecord[] }> {
  const hashes = new Set(messages.flatMap((message) => message.suppressionHashes));
  const { rows } = await tx.query<{
    stored: Array<[string, string]>;
    suppressed: string[];
    locked: ProfileRow[];
  }>(
    `WITH holders AS MATERIALIZED (${HOLDERS_OF_IDENTIFIERS} ORDER BY 1),
     live AS MATERIALIZED (
       SELECT live.* FROM holders CROSS JOIN LATERAL (
         SELECT ${PROFILE_COLUMNS} FROM cdp_profiles p WHERE p.id = holders.profile_id AND p.merged_into IS NULL
         FOR NO KEY UPDATE
       ) AS live
     )
     SELECT (SELECT coalesce(jsonb_agg(jsonb_build_array(found.source_id, found.message_id)), '[]')
             FROM unnest($4::text[], $5::text[]) AS wanted(source_id, message_id)
             CROSS JOIN LATERAL (
               SELECT e.source_id, e.message_id FROM cdp_events e
               WHERE e.tenant_id = $3 AND e.source_id = wanted.source_id AND e.message_id = wanted.message_id
               OFFSET 0
             ) AS found) AS stored,
            ARRAY(SELECT value_hash FROM cdp_suppressions WHERE tenant_id = $3 AND value_hash = ANY($6::text[]))
              AS suppressed,
            (SELECT coalesce(jsonb_agg(to_jsonb(live)), '[]') FROM live) AS locked`,
    [
      wanted.map((identifier) => identifier.type),
      wanted.map((identifier) => identifier.value),
      tenantId,
      messages.map((message) => message.sourceId),
      messages.map((message) => message.message.messageId),
      [...hashes],
    ],
  );
  const row = rows[0]!;
  return {
    stored: new Set(row.stored.map(([sourceId, messageId]) => storedMessageKey(sourceId, messageId))),
    suppressed: new Set(row.suppressed),
    locked: row.locked.map(toProfileRecord),
  };
}
/**
 * Reads every identity of the locked profiles (and the processing numbers) and checks that the
 * graph stood still: the advisory locks already keep out every message carrying these identifiers,
 * the row locks the rest (a message merging one of these profiles through another identifier, an
 * undo). If a holder changed between finding and locking (one was absorbed meanwhile), lock and
 * read again.
 */
export async function readLockedGraph(
  tx: Tx,
  wanted: readonly Identifier[],
  firstLocked: readonly ProfileRecord[],
  numbersWanted: { count: number; rows: number },
): Promise<{ graph: WorkingGraph; numbers: Numbers }> {
  const types = wanted.map((identifier) => identifier.type);
  const values = wanted.map((identifier) => identifier.value);
  let locked = firstLocked;
  for (let round = 1; ; round++) {
    const { identities, numbers } = await readHoldersAndTakeNumbers(tx, types, values, numbersWanted);
    const holders = new Set(identities.map((identity) => identity.profileId));
    if (holders.size === locked.length && locked.every((profile) => holders.has(profile.id))) {
      return { graph: new WorkingGraph(locked, identities), numbers };
    }
    if (round >= MAX_LOCK_ROUNDS) {
      throw new Error('The identity graph kept changing while these messages were resolved; retrying later');
    }
    locked = await profiles.lockLiveHolders(tx, types, values);
  }
}
export interface Numbers {
  seqs: number[];
  eventIds: number[];
  nowMicros: number;
}

/**
 * The second read of the graph — every identity of the profiles holding any of the identifiers,
 * read after their rows were locked — and, in the same round trip, `count` processing numbers and
 * `rows` event row ids (each in increasing order) and the transaction's time in microseconds (new
 * profiles' creation times are derived from it). If the graph changed under the locks the caller
 * reads again; numbers taken meanwhile are merely skipped. Also turns JIT compilation off for the
 * rest of the transaction: the planner's estimates for the bulk writes (the recursive recount above
 * all) exceed `jit_above_cost`, and compiling them took ~0.4 s where running them takes milliseconds.
 */
async function readHoldersAndTakeNumbers(
  tx: Tx,
  types: readonly string[],
  values: readonly string[],
  wanted: { count: number; rows: number },
): Promise<{ identities: StoredIdentity[]; numbers: Numbers }> {
  const { rows: result } = await tx.query<{
    identities: Array<{
      profile_id: string;
      type: Identifier['type'];
      value: string;
      first_seen_at: string;
      added_by_event_id: number | null;
    }>;
    seqs: number[];
    event_ids: number[];
    now_micros: number;
  }>(
    `WITH holders AS MATERIALIZED (${HOLDERS_OF_IDENTIFIERS})
     SELECT (SELECT coalesce(jsonb_agg(to_jsonb(owned) ORDER BY owned.profile_id, owned.type, owned.value), '[]')
             FROM holders CROSS JOIN LATERAL (
               SELECT i.profile_id, i.type, i.value, i.first_seen_at, i.added_by_event_id FROM cdp_identities i
               WHERE i.profile_id = holders.profile_id OFFSET 0
             ) AS owned) AS identities,
            ARRAY(SELECT nextval('cdp_processing_seq') FROM generate_series(1, $3::int)) AS seqs,
            ARRAY(SELECT nextval(pg_get_serial_sequence('cdp_events', 'id')) FROM generate_series(1, $4::int))
              AS event_ids,
            (extract(epoch FROM now()) * 1000000)::bigint AS now_micros,
            set_config('jit', 'off', true) AS jit`,
    [types, values, wanted.count, wanted.rows],
  );
  const row = result[0]!;
  const ascending = (numbers: number[]) => numbers.map(Number).sort((a, b) => a - b);
  return {
    identities: row.identities.map((identity) => ({
      profileId: identity.profile_id,
      type: identity.type,
      value: identity.value,
      firstSeenAt: new Date(identity.first_seen_at).toISOString(),
      addedByEventId: identity.added_by_event_id === null ? null : Number(identity.added_by_event_id),
    })),
    numbers: {
      seqs: ascending(row.seqs),
      eventIds: ascending(row.event_ids),
      nowMicros: Number(row.now_micros),
    },
  };
}
