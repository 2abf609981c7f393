import { randomUUID } from 'node:crypto';
import type { Outbox } from '@orchestrator/shared/bus';
import type { Database, Tx } from '@orchestrator/shared/ports';
import type { CdpEnvelope, NormalizedMessage } from '../../contracts/index.ts';
import {
  DEFAULT_IDENTITY_RULES,
  EMPTY_PROFILE_STATE,
  applyMessage,
  extractIdentifiers,
  identifierKey,
  mergeProfileStates,
  planIdentityResolution,
  traitValues,
  withoutBlockedIdentifiers,
  type CandidateProfile,
  type Identifier,
  type IdentityRules,
  type ProfileState,
  type TraitStrategy,
} from '../../domain/index.ts';
import { consentObservationsOf, suppressibleIdentifiers } from '../../domain/privacy/index.ts';
import { EventRepository, storedMessageKey } from './event-repository.ts';
import { IdentityRepository, type StoredIdentity } from './identity-repository.ts';
import type { AbsorbedSnapshot } from './merge-repository.ts';
import { profileBusMessage, type ProfileBusEvent } from '../../contracts/profile-bus-events.ts';
import { ProfileRepository, type ProfileRecord } from './profile-repository.ts';
import { UnprocessableMessageError } from './processing-failures.ts';
import { loadProcessingSettings } from './processing-settings.ts';
import { canonicalTimestamp, toStoredColumns } from './stored-message.ts';
import { admitMessage } from '../privacy/message-admission.ts';
import { suppressionHash } from '../privacy/suppression-hash.ts';

export type ProcessingOutcome =
  | { kind: 'duplicate' }
  /** Dropped: it carries an identifier of a person deleted under GDPR (see admitMessage). */
  | { kind: 'suppressed' }
  /** Stored on the timeline of no one: every identifier it carried was blocked. */
  | { kind: 'unattributed'; eventId: number }
  | { kind: 'processed'; eventId: number; profileId: string; created: boolean; absorbedIds: string[] };

/** Re-reads of the identity graph while other transactions keep changing it, before giving up. */
const MAX_LOCK_ROUNDS = 10;

/** A message ready for processing: canonical timestamps, its event row's id once stored. */
interface PreparedMessage {
  sourceId: string;
  message: NormalizedMessage;
  receivedAt: string;
}

/** A message not processed before, with the identifiers it carries (blocked values dropped). */
interface FreshMessage extends PreparedMessage {
  index: number;
  /** Its event row's id: taken with the processing numbers, or when stored early for admission. */
  eventId: number;
  /** Its event row was stored before resolution (for the privacy admission): only attribute it. */
  storedEarly: boolean;
  /** Every identifier of the message, blocked ones included (what privacy checks). */
  extracted: Identifier[];
  identifiers: Identifier[];
  matching: Identifier[];
}

/**
 * Turns CDP messages into their effect on profiles — event rows, identity links, merges, profile
 * states and the events for the automations — a whole batch of one tenant in ONE transaction, with
 * exactly the outcome of processing its messages one after another:
 *
 * 1. the event rows are inserted in one statement; the unique (source, messageId) key tells which
 *    messages are new (a redelivered message finds its row and changes nothing — exactly-once);
 * 2. the advisory locks of every identifier of the batch are taken in one sorted order (so two
 *    batches cannot deadlock on them), then the privacy admission runs message by message;
 * 3. the live profiles holding any of the identifiers are row-locked and read with all their
 *    identities (re-read until the graph stood still), and the processing numbers are taken;
 * 4. the messages are resolved in order against that graph in memory — the same planning, merging
 *    and state folding as for a single message, each seeing the effects of the ones before;
 * 5. the result is written with a few bulk statements: new profiles, merged-away profiles, identity
 *    changes, event attributions, merge records, each touched profile's state once with its event
 *    count recounted (never summed), and the outbox.
 * A crash rolls everything back, rows included. `process` is the batch of one.
 */
export class ProfileProcessor {
  private readonly events = new EventRepository();
  private readonly identities = new IdentityRepository();
  private readonly profiles = new ProfileRepository();
  private readonly matchingTypes: ReadonlySet<Identifier['type']>;

  constructor(
    private readonly database: Database,
    private readonly outbox: Outbox,
    private readonly rules: IdentityRules = DEFAULT_IDENTITY_RULES,
  ) {
    this.matchingTypes = new Set(rules.matching);
  }

  async process(tenantId: string, envelope: CdpEnvelope): Promise<ProcessingOutcome> {
    return (await this.processBatch(tenantId, [envelope]))[0]!;
  }

  /**
   * Processes the messages of one tenant, in order, in one transaction; one outcome per message. A
   * message that cannot be processed fails the whole batch (the caller then isolates it by processing
   * the messages one by one).
   */
  async processBatch(tenantId: string, envelopes: readonly CdpEnvelope[]): Promise<ProcessingOutcome[]> {
    if (envelopes.length === 0) return [];
    const prepared = envelopes.map((envelope): PreparedMessage => {
      const message = withCanonicalTimestamp(envelope.message);
      const receivedAt = canonicalTimestamp(envelope.receivedAt) ?? message.timestamp;
      return { sourceId: envelope.sourceId, message, receivedAt };
    });
    return this.database.tenantTx(tenantId, (tx) => this.processInTransaction(tx, tenantId, prepared));
  }

  private async processInTransaction(
    tx: Tx,
    tenantId: string,
    prepared: readonly PreparedMessage[],
  ): Promise<ProcessingOutcome[]> {
    const outcomes: ProcessingOutcome[] = prepared.map(() => ({ kind: 'duplicate' }));
    const { blocked, strategies } = await loadProcessingSettings(tx);
    const messages = prepared.map((item, index): FreshMessage => {
      const extracted = extractIdentifiers(item.message);
      const identifiers = withoutBlockedIdentifiers(extracted, blocked);
      const matching = identifiers.filter((identifier) => this.matchingTypes.has(identifier.type));
      return { ...item, index, eventId: 0, storedEarly: false, extracted, identifiers, matching };
    });

    // Every lock this batch takes on identifiers, at once and sorted (the matching identifiers are
    // among the suppressible ones): the privacy admission takes some again (free, they are held).
    // Taken before the look-up of stored messages, so a redelivered copy of one of these messages
    // being processed elsewhere has finished, and is found, by then.
    await this.identities.lock(
      tx,
      tenantId,
      messages.flatMap((message) => suppressibleIdentifiers(message.extracted)),
    );
    const stored = await this.events.storedKeys(tx, tenantId, prepared);
    const fresh = messages.filter((message) => {
      const key = storedMessageKey(message.sourceId, message.message.messageId);
      if (stored.has(key)) return false; // processed before, or earlier in this batch
      stored.add(key);
      return true;
    });
    const admitted = await this.admit(tx, tenantId, fresh, outcomes);
    if (admitted.length === 0) return outcomes;

    const graph = await this.lockGraph(
      tx,
      admitted.flatMap((message) => message.matching),
    );
    // Numbered after every lock is held, so the numbers order these messages correctly against
    // every other message touching the same profiles.
    const toStore = admitted.filter((message) => !message.storedEarly);
    const numbers = await takeNumbers(tx, admitted.length, toStore.length);
    toStore.forEach((message, position) => (message.eventId = numbers.eventIds[position]!));
    const run = new BatchRun(graph, this.rules, this.matchingTypes, strategies, numbers.nowMicros);
    for (const [position, message] of admitted.entries()) {
      outcomes[message.index] = run.apply(message, numbers.seqs[position]!);
    }
    await this.write(tx, tenantId, run, toStore);
    return outcomes;
  }

  /**
   * The privacy admission (admitMessage, which must see the message's event row) for the messages
   * it concerns: their rows are stored now, the others' only once resolved (already attributed). A
   * message whose row turns out to be stored meanwhile is a duplicate after all.
   */
  private async admit(
    tx: Tx,
    tenantId: string,
    fresh: readonly FreshMessage[],
    outcomes: ProcessingOutcome[],
  ): Promise<FreshMessage[]> {
    const concerned = await this.admissionConcerns(tx, tenantId, fresh);
    if (concerned.size === 0) return [...fresh];
    const ids = await this.events.insertManyIfNew(tx, tenantId, [...concerned]);
    const admitted: FreshMessage[] = [];
    for (const message of fresh) {
      if (concerned.has(message)) {
        const eventId = ids.get(storedMessageKey(message.sourceId, message.message.messageId));
        if (eventId === undefined) continue;
        Object.assign(message, { eventId, storedEarly: true });
        if (!(await admitMessage(tx, tenantId, eventId, message.message))) {
          outcomes[message.index] = { kind: 'suppressed' };
          continue;
        }
      }
      admitted.push(message);
    }
    return admitted;
  }

  /**
   * The messages the privacy admission (admitMessage) can do anything about: those carrying an
   * identifier that is suppressed, or stating consent. For every other message it would take locks
   * the batch holds already, find no suppression entry and record nothing — two round trips per
   * message that the batch replaces with one query for all of them. It runs after the batch's locks
   * are held, as admitMessage's own check does, so no erasure can slip in between.
   */
  private async admissionConcerns(
    tx: Tx,
    tenantId: string,
    candidates: readonly FreshMessage[],
  ): Promise<Set<FreshMessage>> {
    const hashes = candidates.map((fresh) =>
      suppressibleIdentifiers(fresh.extracted).map((identifier) => suppressionHash(tenantId, identifier)),
    );
    const { rows } = await tx.query<{ value_hash: string }>(
      'SELECT value_hash FROM cdp_suppressions WHERE tenant_id = $1 AND value_hash = ANY($2::text[])',
      [tenantId, [...new Set(hashes.flat())]],
    );
    const suppressed = new Set(rows.map((row) => row.value_hash));
    return new Set(
      candidates.filter(
        (fresh, position) =>
          hashes[position]!.some((hash) => suppressed.has(hash)) ||
          consentObservationsOf(fresh.message).length > 0,
      ),
    );
  }

  /**
   * Locks the live profiles holding any of the identifiers, then re-reads who holds them. The
   * advisory locks already keep out every message carrying these identifiers; the row locks keep out
   * the rest (a message merging one of these profiles through another identifier, an undo). If the
   * graph changed between finding and locking (a holder was absorbed meanwhile), go round again.
   */
  private async lockGraph(tx: Tx, matching: readonly Identifier[]): Promise<WorkingGraph> {
    const unique = [
      ...new Map(matching.map((identifier) => [identifierKey(identifier), identifier])).values(),
    ];
    const types = unique.map((identifier) => identifier.type);
    const values = unique.map((identifier) => identifier.value);
    for (let round = 1; ; round++) {
      const profiles = await this.profiles.lockLiveHolders(tx, types, values);
      const identities = await this.identities.holdersWithIdentities(tx, unique);
      const holders = new Set(identities.map((identity) => identity.profileId));
      if (holders.size === profiles.length && profiles.every((profile) => holders.has(profile.id))) {
        return new WorkingGraph(profiles, identities);
      }
      if (round >= MAX_LOCK_ROUNDS) {
        throw new Error(
          'The identity graph kept changing while these messages were resolved; retrying later',
        );
      }
    }
  }

  /**
   * Writes the batch's effect: everything but the profiles' states in one statement (new profiles,
   * merged-away profiles, identity changes, event rows, merge records), then each touched profile's
   * state with its event count recounted (it must see the rows just written), then the outbox.
   */
  private async write(
    tx: Tx,
    tenantId: string,
    run: BatchRun,
    toStore: readonly FreshMessage[],
  ): Promise<void> {
    const { graph } = run;
    const profiles = [...graph.profiles.values()];
    const attribution = new Map(run.attributions.map((row) => [row.eventId, row]));
    const storing = new Set(toStore.map((message) => message.eventId));
    const stored = await writeBatchRows(tx, tenantId, {
      created: profiles
        .filter((profile) => profile.isNew)
        .map((profile) => ({
          id: profile.id,
          created_at: profile.createdAt,
          merged_into: profile.mergedInto,
        })),
      absorbed: profiles
        .filter((profile) => !profile.isNew && profile.mergedInto !== profile.storedMergedInto)
        .map((profile) => ({ id: profile.id, survivor_id: profile.mergedInto })),
      ...graph.identityChanges(),
      events: toStore.map((message) => {
        const { profileId, identifiers, processedSeq } = attribution.get(message.eventId)!;
        return {
          ...toStoredColumns(message.message),
          id: message.eventId,
          source_id: message.sourceId,
          timestamp: message.message.timestamp,
          received_at: message.receivedAt,
          profile_id: profileId,
          identifiers: identifiers.map(({ type, value }) => ({ type, value })),
          processed_seq: processedSeq,
        };
      }),
      attributed: run.attributions
        .filter((row) => !storing.has(row.eventId))
        .map((row) => ({
          id: row.eventId,
          profile_id: row.profileId,
          identifiers: row.identifiers.map(({ type, value }) => ({ type, value })),
          processed_seq: row.processedSeq,
        })),
      merges: run.merges.map((merge) => ({
        id: merge.id,
        survivor_id: merge.survivorId,
        absorbed_id: merge.absorbedId,
        trigger_message_id: merge.triggerMessageId,
        trigger_event_id: merge.triggerEventId,
        processed_seq: merge.processedSeq,
        rule: merge.rule,
        absorbed_state: merge.absorbedState,
      })),
    });
    if (stored < toStore.length) {
      // Another transaction stored one of these messages after the look-up (it carried no
      // identifier to lock on): roll back; the redelivery finds it processed.
      throw Object.assign(new Error('A message of the batch was processed concurrently; retrying'), {
        code: '40001',
      });
    }
    await this.profiles.saveStates(
      tx,
      tenantId,
      profiles
        .filter((profile) => profile.saved)
        .map((profile) => ({ id: profile.id, state: profile.state })),
    );
    await this.outbox.enqueue(
      tx,
      tenantId,
      run.busEvents.map((event) => profileBusMessage(tenantId, event)),
    );
  }
}

/** One profile as the batch sees it: as locked from the database, or created by the batch. */
interface WorkingProfile {
  id: string;
  /** Oldest-first tie-break; new profiles get the transaction's time plus their creation order in µs. */
  createdAt: string;
  /** The row's own createdAt/updatedAt as a merge snapshot records them. */
  updatedAt: string;
  state: ProfileState;
  /** The count as the row holds it, plus what the batch attributed and merged in (for snapshots). */
  eventCount: number;
  mergedInto: string | null;
  storedMergedInto: string | null;
  isNew: boolean;
  /** A message of the batch was attributed to it: its state and recounted event count are written. */
  saved: boolean;
}

/** One row of the identity graph; `storedOwner` is where the database has it (undefined: a new row). */
interface WorkingIdentity extends Identifier {
  profileId: string;
  firstSeenAt: string;
  addedByEventId: number | null;
  storedOwner: string | undefined;
  removed: boolean;
}

/**
 * The part of the identity graph a batch can reach — every live profile holding one of its
 * identifiers, with all their identities — kept up to date in memory while its messages are resolved.
 * Later messages of the batch can only reach profiles found here or created by earlier ones.
 */
class WorkingGraph {
  readonly profiles = new Map<string, WorkingProfile>();
  private readonly rows: WorkingIdentity[] = [];
  private readonly byKey = new Map<string, WorkingIdentity[]>();
  private readonly byProfile = new Map<string, WorkingIdentity[]>();

  constructor(locked: readonly ProfileRecord[], identities: readonly StoredIdentity[]) {
    for (const record of locked) {
      this.profiles.set(record.id, {
        id: record.id,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        state: record.state,
        eventCount: record.eventCount,
        mergedInto: record.mergedInto,
        storedMergedInto: record.mergedInto,
        isNew: false,
        saved: false,
      });
    }
    for (const identity of identities) {
      this.add({ ...identity, storedOwner: identity.profileId, removed: false });
    }
  }

  create(id: string, createdAt: string): WorkingProfile {
    const profile: WorkingProfile = {
      id,
      createdAt,
      updatedAt: createdAt,
      state: EMPTY_PROFILE_STATE,
      eventCount: 0,
      mergedInto: null,
      storedMergedInto: null,
      isNew: true,
      saved: false,
    };
    this.profiles.set(id, profile);
    return profile;
  }

  /** The live profiles holding any of the identifiers, with all their identities, in id order. */
  candidates(matching: readonly Identifier[]): CandidateProfile[] {
    const found = new Map<string, WorkingProfile>();
    for (const identifier of matching) {
      for (const row of this.byKey.get(identifierKey(identifier)) ?? []) {
        const profile = this.profiles.get(row.profileId)!;
        if (profile.mergedInto === null) found.set(profile.id, profile);
      }
    }
    return [...found.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((profile) => ({
        id: profile.id,
        firstSeenAt: profile.state.firstSeenAt,
        createdAt: profile.createdAt,
        identities: this.identitiesOf(profile.id).map(({ type, value }) => ({ type, value })),
      }));
  }

  identitiesOf(profileId: string): WorkingIdentity[] {
    return this.byProfile.get(profileId) ?? [];
  }

  /** Like IdentityRepository.attach: a row the unique keys already hold is left alone. */
  attach(profileId: string, identifiers: readonly Identifier[], firstSeenAt: string, eventId: number): void {
    for (const { type, value } of identifiers) {
      const existing = this.byKey.get(identifierKey({ type, value })) ?? [];
      const taken =
        type === 'group_id' ? existing.some((row) => row.profileId === profileId) : existing.length > 0;
      if (taken) continue;
      this.add({
        type,
        value,
        profileId,
        firstSeenAt,
        addedByEventId: eventId,
        storedOwner: undefined,
        removed: false,
      });
    }
  }

  /** Like IdentityRepository.moveAll: a group id both hold is kept once (the target's row). */
  moveAll(fromId: string, toId: string): void {
    const moving = this.byProfile.get(fromId) ?? [];
    this.byProfile.delete(fromId);
    const kept = this.byProfile.get(toId) ?? [];
    const held = new Set(kept.map(identifierKey));
    for (const row of moving) {
      if (held.has(identifierKey(row))) {
        row.removed = true;
        const others = this.byKey.get(identifierKey(row))!.filter((other) => other !== row);
        this.byKey.set(identifierKey(row), others);
        continue;
      }
      row.profileId = toId;
      kept.push(row);
    }
    this.byProfile.set(toId, kept);
  }

  /**
   * What to write: rows gone (a group id both sides of a merge held is kept once), rows with a new
   * owner (merges), new rows (attached identifiers).
   */
  identityChanges() {
    const removed = [];
    const moved = [];
    const added = [];
    for (const row of this.rows) {
      const { type, value } = row;
      if (row.storedOwner === undefined) {
        if (!row.removed) {
          added.push({
            type,
            value,
            profile_id: row.profileId,
            first_seen_at: row.firstSeenAt,
            added_by_event_id: row.addedByEventId,
          });
        }
      } else if (row.removed) removed.push({ type, value, profile_id: row.storedOwner });
      else if (row.profileId !== row.storedOwner) {
        moved.push({ type, value, from_id: row.storedOwner, to_id: row.profileId });
      }
    }
    return { removed, moved, added };
  }

  private add(row: WorkingIdentity): void {
    this.rows.push(row);
    const key = identifierKey(row);
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), row]);
    const owned = this.byProfile.get(row.profileId);
    if (owned) owned.push(row);
    else this.byProfile.set(row.profileId, [row]);
  }
}

interface PendingMerge {
  id: string;
  survivorId: string;
  absorbedId: string;
  triggerMessageId: string;
  triggerEventId: number;
  processedSeq: number;
  rule: string;
  absorbedState: AbsorbedSnapshot;
}

/** The in-memory resolution of a batch's messages, in order, and what it leaves to write. */
class BatchRun {
  readonly attributions: Array<{
    eventId: number;
    profileId: string | null;
    identifiers: Identifier[];
    processedSeq: number;
  }> = [];
  readonly merges: PendingMerge[] = [];
  readonly busEvents: ProfileBusEvent[] = [];
  private created = 0;

  constructor(
    readonly graph: WorkingGraph,
    private readonly rules: IdentityRules,
    private readonly matchingTypes: ReadonlySet<Identifier['type']>,
    private readonly strategies: Record<string, TraitStrategy>,
    private readonly nowMicros: number,
  ) {}

  apply(fresh: FreshMessage, processedSeq: number): ProcessingOutcome {
    const { message, identifiers, eventId } = fresh;
    const plan = planIdentityResolution(identifiers, this.graph.candidates(fresh.matching), this.rules, {
      messageType: message.type,
    });
    const processed = (profileId: string | null): ProfileBusEvent => ({
      type: 'Message Processed',
      profileId,
      sourceId: fresh.sourceId,
      receivedAt: fresh.receivedAt,
      message,
    });

    // Only placeholders (or a lone group id): no one to attribute it to, and a profile per such
    // message would flood the customer list with one-event strangers.
    if (
      plan.kind === 'create' &&
      !plan.attach.some((identifier) => this.matchingTypes.has(identifier.type))
    ) {
      this.attributions.push({ eventId, profileId: null, identifiers, processedSeq });
      this.busEvents.push(processed(null));
      return { kind: 'unattributed', eventId };
    }

    const target =
      plan.kind === 'create'
        ? this.graph.create(randomUUID(), microsecondInstant(this.nowMicros + this.created++))
        : this.graph.profiles.get(plan.kind === 'attach' ? plan.profileId : plan.survivorId)!;
    this.attributions.push({ eventId, profileId: target.id, identifiers, processedSeq });
    target.eventCount += 1;
    let state = target.state;
    if (plan.kind === 'create') {
      this.busEvents.push({ type: 'Profile Created', profileId: target.id, ...messageRef(message) });
    } else if (plan.kind === 'merge') {
      const mergeIds: string[] = [];
      for (const absorbedId of plan.absorbedIds) {
        const absorbed = this.graph.profiles.get(absorbedId)!;
        const id = randomUUID();
        mergeIds.push(id);
        this.merges.push({
          id,
          survivorId: target.id,
          absorbedId,
          triggerMessageId: message.messageId,
          triggerEventId: eventId,
          processedSeq,
          rule: plan.rule,
          absorbedState: this.snapshot(absorbed),
        });
        absorbed.mergedInto = target.id;
        this.graph.moveAll(absorbedId, target.id);
        target.eventCount += absorbed.eventCount;
        state = mergeProfileStates(state, absorbed.state, this.strategies);
      }
      this.busEvents.push({
        type: 'Profiles Merged',
        profileId: target.id,
        absorbedIds: plan.absorbedIds,
        mergeIds,
        rule: plan.rule,
        ...messageRef(message),
      });
    }
    this.graph.attach(target.id, plan.attach, message.timestamp, eventId);
    target.state = applyMessage(state, message, this.strategies);
    target.saved = true;
    this.busEvents.push(processed(target.id));
    return {
      kind: 'processed',
      eventId,
      profileId: target.id,
      created: plan.kind === 'create',
      absorbedIds: plan.kind === 'merge' ? plan.absorbedIds : [],
    };
  }

  /** The absorbed profile's row and identities as they are at this point of the batch. */
  private snapshot(profile: WorkingProfile): AbsorbedSnapshot {
    return {
      profile: {
        id: profile.id,
        state: profile.state,
        traits: traitValues(profile.state),
        firstSeenAt: profile.state.firstSeenAt,
        lastSeenAt: profile.state.lastSeenAt,
        eventCount: profile.eventCount,
        createdAt: profile.createdAt,
        updatedAt: profile.updatedAt,
      },
      identities: this.graph
        .identitiesOf(profile.id)
        .map((row): StoredIdentity => ({
          profileId: row.profileId,
          type: row.type,
          value: row.value,
          firstSeenAt: row.firstSeenAt,
          addedByEventId: row.addedByEventId,
        }))
        .sort((a, b) => compareText(a.type, b.type) || compareText(a.value, b.value)),
    };
  }
}

/**
 * `count` processing numbers and `rows` event row ids, each in increasing order, and the
 * transaction's time in microseconds (new profiles' creation times are derived from it). Also turns
 * JIT compilation off for the rest of the transaction: the planner's estimates for the bulk writes
 * (the recursive recount above all) exceed `jit_above_cost`, and compiling them took ~0.4 s where
 * running them takes a few milliseconds.
 */
async function takeNumbers(
  tx: Tx,
  count: number,
  rows: number,
): Promise<{ seqs: number[]; eventIds: number[]; nowMicros: number }> {
  const { rows: result } = await tx.query<{ seqs: number[]; event_ids: number[]; now_micros: number }>(
    `SELECT ARRAY(SELECT nextval('cdp_processing_seq') FROM generate_series(1, $1::int)) AS seqs,
            ARRAY(SELECT nextval(pg_get_serial_sequence('cdp_events', 'id')) FROM generate_series(1, $2::int)) AS event_ids,
            (extract(epoch FROM now()) * 1000000)::bigint AS now_micros,
            set_config('jit', 'off', true) AS jit`,
    [count, rows],
  );
  const row = result[0]!;
  const ascending = (values: number[]) => values.map(Number).sort((a, b) => a - b);
  return { seqs: ascending(row.seqs), eventIds: ascending(row.event_ids), nowMicros: Number(row.now_micros) };
}

/**
 * One statement for the rows a batch adds and changes. Each part runs once, to completion (whether
 * or not the final SELECT reads it), and foreign keys between them are checked once all are in.
 * Returns how many of the event rows were stored: fewer than given means another transaction stored
 * one of these messages meanwhile.
 */
async function writeBatchRows(
  tx: Tx,
  tenantId: string,
  rows: Record<
    'created' | 'absorbed' | 'removed' | 'moved' | 'added' | 'events' | 'attributed' | 'merges',
    readonly object[]
  >,
): Promise<number> {
  const json = (name: keyof typeof rows) => JSON.stringify(rows[name]);
  const { rows: result } = await tx.query<{ events: number }>(
    `WITH created AS (
       INSERT INTO cdp_profiles (id, tenant_id, created_at, updated_at, merged_into)
       SELECT p.id, $1, p.created_at, now(), p.merged_into
       FROM jsonb_to_recordset($2::jsonb) AS p(id uuid, created_at timestamptz, merged_into uuid)
     ), absorbed AS (
       UPDATE cdp_profiles p SET merged_into = a.survivor_id, updated_at = now()
       FROM jsonb_to_recordset($3::jsonb) AS a(id uuid, survivor_id uuid)
       WHERE p.id = a.id
     ), removed AS (
       DELETE FROM cdp_identities i USING jsonb_to_recordset($4::jsonb) AS r(type text, value text, profile_id uuid)
       WHERE i.tenant_id = $1 AND i.type = r.type AND i.value = r.value AND i.profile_id = r.profile_id
     ), moved AS (
       UPDATE cdp_identities i SET profile_id = m.to_id
       FROM jsonb_to_recordset($5::jsonb) AS m(type text, value text, from_id uuid, to_id uuid)
       WHERE i.tenant_id = $1 AND i.type = m.type AND i.value = m.value AND i.profile_id = m.from_id
     ), added AS (
       INSERT INTO cdp_identities (tenant_id, type, value, profile_id, first_seen_at, added_by_event_id)
       SELECT $1, a.type, a.value, a.profile_id, a.first_seen_at, a.added_by_event_id
       FROM jsonb_to_recordset($6::jsonb)
         AS a(type text, value text, profile_id uuid, first_seen_at timestamptz, added_by_event_id bigint)
       ON CONFLICT DO NOTHING
     ), events AS (
       INSERT INTO cdp_events (id, tenant_id, source_id, message_id, type, event, user_id, anonymous_id, properties,
                               traits, context, extra, "timestamp", received_at, profile_id, identifiers, processed_seq)
       OVERRIDING SYSTEM VALUE
       SELECT e.id, $1, e.source_id, e.message_id, e.type, e.event, e.user_id, e.anonymous_id, e.properties, e.traits,
              e.context, e.extra, e."timestamp", e.received_at, e.profile_id, e.identifiers, e.processed_seq
       FROM jsonb_to_recordset($7::jsonb) AS e(id bigint, source_id text, message_id text, type text, event text,
         user_id text, anonymous_id text, properties jsonb, traits jsonb, context jsonb, extra jsonb,
         "timestamp" timestamptz, received_at timestamptz, profile_id uuid, identifiers jsonb, processed_seq bigint)
       ORDER BY e.id
       ON CONFLICT (tenant_id, source_id, message_id) DO NOTHING
       RETURNING 1
     ), attributed AS (
       UPDATE cdp_events e SET profile_id = a.profile_id, identifiers = a.identifiers, processed_seq = a.processed_seq
       FROM jsonb_to_recordset($8::jsonb) AS a(id bigint, profile_id uuid, identifiers jsonb, processed_seq bigint)
       WHERE e.id = a.id
     ), merges AS (
       INSERT INTO cdp_merges (id, tenant_id, survivor_id, absorbed_id, trigger_message_id, trigger_event_id,
                               processed_seq, rule, absorbed_state, created_at)
       SELECT m.id, $1, m.survivor_id, m.absorbed_id, m.trigger_message_id, m.trigger_event_id, m.processed_seq,
              m.rule, m.absorbed_state, now() + (m.ord - 1) * interval '1 microsecond'
       FROM ROWS FROM (jsonb_to_recordset($9::jsonb) AS (id uuid, survivor_id uuid, absorbed_id uuid,
              trigger_message_id text, trigger_event_id bigint, processed_seq bigint, rule text, absorbed_state jsonb))
            WITH ORDINALITY AS m(id, survivor_id, absorbed_id, trigger_message_id, trigger_event_id, processed_seq,
              rule, absorbed_state, ord)
     )
     SELECT count(*) AS events FROM events`,
    [
      tenantId,
      json('created'),
      json('absorbed'),
      json('removed'),
      json('moved'),
      json('added'),
      json('events'),
      json('attributed'),
      json('merges'),
    ],
  );
  return Number(result[0]!.events);
}

/** An ISO instant with microseconds (what a timestamptz holds), from microseconds since the epoch. */
function microsecondInstant(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const iso = new Date(millis).toISOString();
  const fraction = String(micros - millis * 1000).padStart(3, '0');
  return `${iso.slice(0, 23)}${fraction}Z`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function messageRef(message: NormalizedMessage): { messageId: string; timestamp: string } {
  return { messageId: message.messageId, timestamp: message.timestamp };
}

function withCanonicalTimestamp(message: NormalizedMessage): NormalizedMessage {
  const timestamp = canonicalTimestamp(String(message.timestamp));
  if (timestamp === undefined) {
    throw new UnprocessableMessageError(`Its timestamp "${String(message.timestamp)}" is not a date`);
  }
  return { ...message, timestamp };
}
