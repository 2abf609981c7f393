/**
 * The profile builder's commits, as the bench sees them: wraps ProfileProcessor.processBatch in this
 * process so that each transaction that returns (the profiles are visible from then on) is reported.
 * Times are wall-clock milliseconds (`timeOrigin + now()`), comparable between processes.
 */
import { ProfileProcessor } from '@orchestrator/cdp/server';

export interface CommitReport {
  kind: 'commits';
  started: number;
  at: number;
  /** The messages the transaction processed (duplicates left out). */
  messageIds: string[];
  messages: number;
}

const now = () => performance.timeOrigin + performance.now();

/** Reports every builder transaction of this process to `listener`; returns the undo. */
export function watchBuilderCommits(listener: (report: CommitReport) => void): () => void {
  const prototype = ProfileProcessor.prototype;
  const processBatch = prototype.processBatch;
  prototype.processBatch = async function (tenantId, envelopes) {
    const started = now();
    const outcomes = await processBatch.call(this, tenantId, envelopes);
    listener({
      kind: 'commits',
      started,
      at: now(),
      messageIds: envelopes
        .filter((_, position) => outcomes[position]?.kind !== 'duplicate')
        .map((envelope) => envelope.message.messageId),
      messages: envelopes.length,
    });
    return outcomes;
  };
  return () => void (prototype.processBatch = processBatch);
}
