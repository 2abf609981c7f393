import type { CdpEnvelope, NormalizedMessage } from '../../contracts/index.ts';
import type { Identifier } from '../../domain/index.ts';
import { UnprocessableMessageError } from './processing-failures.ts';
import { canonicalTimestamp } from './stored-message.ts';

/** What processing did with one message. */
export type ProcessingOutcome =
  | { kind: 'duplicate' }
  /** Dropped: it carries an identifier of a person deleted under GDPR (see admitMessage). */
  | { kind: 'suppressed' }
  /** Stored on the timeline of no one: every identifier it carried was blocked. */
  | { kind: 'unattributed'; eventId: number }
  | { kind: 'processed'; eventId: number; profileId: string; created: boolean; absorbedIds: string[] };

/** A message ready for processing: canonical timestamps, its event row's id once stored. */
export interface PreparedMessage {
  sourceId: string;
  message: NormalizedMessage;
  receivedAt: string;
}

/** A message not processed before, with the identifiers it carries (blocked values dropped). */
export interface FreshMessage extends PreparedMessage {
  index: number;
  /** Its event row's id: taken with the processing numbers, or when stored early for admission. */
  eventId: number;
  /** Its event row was stored before resolution (for the privacy admission): only attribute it. */
  storedEarly: boolean;
  /** The identifiers privacy checks (suppressibleIdentifiers): the batch locks these. */
  suppressible: Identifier[];
  /** Their suppression hashes (what an erasure leaves behind). */
  suppressionHashes: string[];
  identifiers: Identifier[];
  /** Its identifiers that are blocked values (not in `identifiers`). */
  blocked: Identifier[];
  matching: Identifier[];
}

/** The envelope's message with canonical timestamps; a timestamp that is not a date is unprocessable. */
export function prepareMessage(envelope: CdpEnvelope): PreparedMessage {
  const message = withCanonicalTimestamp(envelope.message);
  const receivedAt = canonicalTimestamp(envelope.receivedAt) ?? message.timestamp;
  return { sourceId: envelope.sourceId, message, receivedAt };
}

function withCanonicalTimestamp(message: NormalizedMessage): NormalizedMessage {
  const timestamp = canonicalTimestamp(String(message.timestamp));
  if (timestamp === undefined) {
    throw new UnprocessableMessageError(`Its timestamp "${String(message.timestamp)}" is not a date`);
  }
  return { ...message, timestamp };
}
