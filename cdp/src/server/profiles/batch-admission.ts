import type { Tx } from '@orchestrator/shared/ports';
import { consentObservationsOf } from '../../domain/privacy/index.ts';
import { admitMessage } from '../privacy/message-admission.ts';
import type { FreshMessage, ProcessingOutcome } from './batch-message.ts';
import { EventRepository, storedMessageKey } from './event-repository.ts';

const events = new EventRepository();

/**
 * The privacy admission (admitMessage) of the messages it can do anything about: those carrying a
 * suppressed identifier, or stating consent. For any other message it would take locks the batch
 * holds already, find no suppression entry and record nothing — two round trips per message, which
 * the batch's look-up replaces. admitMessage must see the message's event row, so these messages'
 * rows are stored now (the others' only once resolved, already attributed); one that turns out to
 * be stored meanwhile is a duplicate after all.
 */
export async function admitBatch(
  tx: Tx,
  tenantId: string,
  fresh: readonly FreshMessage[],
  suppressed: ReadonlySet<string>,
  outcomes: ProcessingOutcome[],
): Promise<FreshMessage[]> {
  const concerned = fresh.filter(
    (message) =>
      message.suppressionHashes.some((hash) => suppressed.has(hash)) ||
      consentObservationsOf(message.message).length > 0,
  );
  if (concerned.length === 0) return [...fresh];
  const ids = await events.insertManyIfNew(tx, tenantId, concerned);
  const admitted: FreshMessage[] = [];
  for (const message of fresh) {
    if (concerned.includes(message)) {
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
