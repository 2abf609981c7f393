import type { Outbox } from '@orchestrator/shared/bus';
import type { Database, Tx } from '@orchestrator/shared/ports';
import type { CdpEnvelope } from '../../contracts/index.ts';
import {
  extractIdentifiers,
  identifierKey,
  withoutBlockedIdentifiers,
  type Identifier,
} from '../../domain/index.ts';
import { suppressibleIdentifiers } from '../../domain/privacy/index.ts';
import { suppressionHash } from '../privacy/suppression-hash.ts';
import { admitBatch } from './batch-admission.ts';
import { lookUpAndLock, readLockedGraph } from './batch-loading.ts';
import {
  prepareMessage,
  type FreshMessage,
  type PreparedMessage,
  type ProcessingOutcome,
} from './batch-message.ts';
import { BatchRun } from './batch-resolution.ts';
import { batchRowsOf } from './batch-rows.ts';
import { writeBatchRows } from './batch-write-statement.ts';
import { storedMessageKey } from './event-repository.ts';
import { loadProcessingSettings } from './processing-settings.ts';
import { processingOutboxMessages } from './processing-bus-events.ts';

export type { ProcessingOutcome } from './batch-message.ts';

/**
 * Turns CDP messages into their effect on profiles — event rows, identity links, merges, profile
 * states and the events for the automations — a whole batch of one tenant in ONE transaction, with
 * exactly the outcome of processing its messages one after another, in a handful of statements:
 *
 * 1. the advisory locks of every identifier of the batch, in one sorted order (two batches cannot
 *    deadlock on them), with the workspace's settings;
 * 2. which messages are stored already (processed before: a redelivery changes nothing), which of
 *    their identifiers are suppressed (erased people), and the row locks of the live profiles
 *    holding any of the identifiers; the privacy admission then runs for the messages it concerns;
 * 3. all identities of those profiles, re-read under the locks (again until the graph stood still),
 *    with the processing numbers and event ids, taken in message order while every lock is held;
 * 4. (in memory) the messages are resolved in order against that graph — the same planning, merging
 *    and state folding as for a single message, each seeing the effects of the ones before;
 * 5. one statement writes the result: new and merged-away profiles, identity changes, the event rows
 *    (inserted already attributed; the unique (source, messageId) key stops a copy stored meanwhile),
 *    merge records, each touched profile's state once, its event count recounted from the rows, and
 *    the events for the automations into the outbox.
 * A crash rolls everything back. `process` is the batch of one.
 */
export class ProfileProcessor {
  constructor(
    private readonly database: Database,
    private readonly outbox: Outbox,
  ) {}

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
    const prepared = envelopes.map(prepareMessage);
    return this.database.tenantTx(tenantId, (tx) => this.processInTransaction(tx, tenantId, prepared));
  }

  private async processInTransaction(
    tx: Tx,
    tenantId: string,
    prepared: readonly PreparedMessage[],
  ): Promise<ProcessingOutcome[]> {
    const outcomes: ProcessingOutcome[] = prepared.map(() => ({ kind: 'duplicate' }));
    const extracted = prepared.map((item) => extractIdentifiers(item.message));
    // Every lock this batch takes on identifiers (the matching identifiers are among the
    // suppressible ones): the privacy admission takes some again (free, they are held). Taken
    // before the look-up of stored messages, so a redelivered copy of one of these messages being
    // processed elsewhere has finished, and is found, by then.
    const suppressible = extracted.map((identifiers) => suppressibleIdentifiers(identifiers));
    const { blocked, strategies, rules } = await loadProcessingSettings(tx, {
      tenantId,
      identifiers: suppressible.flat(),
    });
    const matchingTypes: ReadonlySet<Identifier['type']> = new Set(rules.matching);
    const messages = prepared.map((item, index): FreshMessage => {
      const identifiers = withoutBlockedIdentifiers(extracted[index]!, blocked);
      const matching = identifiers.filter((identifier) => matchingTypes.has(identifier.type));
      return {
        ...item,
        index,
        eventId: 0,
        storedEarly: false,
        suppressible: suppressible[index]!,
        suppressionHashes: suppressible[index]!.map((identifier) => suppressionHash(tenantId, identifier)),
        identifiers,
        // Nearly always none was blocked: no pass over the identifiers then (this runs for every message).
        blocked:
          identifiers.length === extracted[index]!.length
            ? []
            : extracted[index]!.filter((identifier) => !identifiers.includes(identifier)),
        matching,
      };
    });

    // The graph of every message's identifiers (a duplicate's too: locking its profiles is harmless,
    // and one look-up serves both).
    const wanted = [
      ...new Map(
        messages
          .flatMap((message) => message.matching)
          .map((identifier) => [identifierKey(identifier), identifier]),
      ).values(),
    ];
    const { stored, suppressed, locked } = await lookUpAndLock(tx, tenantId, messages, wanted);
    const fresh = messages.filter((message) => {
      const key = storedMessageKey(message.sourceId, message.message.messageId);
      if (stored.has(key)) return false; // processed before, or earlier in this batch
      stored.add(key);
      return true;
    });
    const admitted = await admitBatch(tx, tenantId, fresh, suppressed, outcomes);
    if (admitted.length === 0) return outcomes;

    const toStore = admitted.filter((message) => !message.storedEarly);
    const { graph, numbers } = await readLockedGraph(tx, wanted, locked, {
      count: admitted.length,
      rows: toStore.length,
    });
    toStore.forEach((message, position) => (message.eventId = numbers.eventIds[position]!));
    const run = new BatchRun(graph, rules, matchingTypes, strategies, numbers.nowMicros);
    for (const [position, message] of admitted.entries()) {
      outcomes[message.index] = run.apply(message, numbers.seqs[position]!);
    }
    await this.write(tx, tenantId, run, toStore);
    return outcomes;
  }

  /** Writes the batch's effect, its outbox messages included, in one statement. */
  private async write(
    tx: Tx,
    tenantId: string,
    run: BatchRun,
    toStore: readonly FreshMessage[],
  ): Promise<void> {
    const messages = processingOutboxMessages(tenantId, run.busEvents);
    const stored = await writeBatchRows(tx, tenantId, batchRowsOf(run, toStore), messages);
    if (stored < toStore.length) {
      // Another transaction stored one of these messages after the look-up (it carried no
      // identifier to lock on): roll back; the redelivery finds it processed.
      throw Object.assign(new Error('A message of the batch was processed concurrently; retrying'), {
        code: '40001',
      });
    }
    if (messages.length > 0) this.outbox.enqueuedIn(tx);
  }
}
