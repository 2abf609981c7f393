/**
 * Loaded (`--import`) into the workers' process when the bench runs the suite's roles as separate
 * processes (`--split-roles`): reports each commit of the profile builder's transaction to the bench
 * over the IPC channel, as the in-process Observer notes it when everything runs in one process.
 * Times are wall-clock milliseconds (`timeOrigin + now()`), comparable between the two processes.
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
const prototype = ProfileProcessor.prototype;
const processBatch = prototype.processBatch;
prototype.processBatch = async function (tenantId, envelopes) {
  const started = now();
  const outcomes = await processBatch.call(this, tenantId, envelopes);
  const report: CommitReport = {
    kind: 'commits',
    started,
    at: now(),
    messageIds: envelopes
      .filter((_, position) => outcomes[position]?.kind !== 'duplicate')
      .map((envelope) => envelope.message.messageId),
    messages: envelopes.length,
  };
  process.send?.(report);
  return outcomes;
};
