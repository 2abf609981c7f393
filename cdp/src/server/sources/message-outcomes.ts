import type { Tx } from '@orchestrator/shared/ports';
import type { MessageOutcome } from '../../contracts/index.ts';

/**
 * What became of a source's messages, by message id: an event row means the profile builder took it
 * (the profile it went to then — a merged-away id still opens its survivor), a rejection row that it
 * was set aside, neither that it is still on its way. Runs in a tenant transaction (RLS).
 */
export async function findMessageOutcomes(
  tx: Tx,
  tenantId: string,
  sourceId: string,
  messageIds: readonly string[],
): Promise<Map<string, MessageOutcome>> {
  const outcomes = new Map<string, MessageOutcome>();
  if (messageIds.length === 0) return outcomes;
  const ids = [...new Set(messageIds)];
  const { rows: rejected } = await tx.query<{ message_id: string; reason: string }>(
    `SELECT DISTINCT ON (message_id) message_id, reason FROM cdp_rejected_messages
     WHERE tenant_id = $1 AND source_id = $2 AND message_id = ANY ($3::text[])
     ORDER BY message_id, id DESC`,
    [tenantId, sourceId, ids],
  );
  for (const row of rejected) outcomes.set(row.message_id, { state: 'rejected', reason: row.reason });
  // An event row wins over a rejection: a message redelivered after a failure may have gone through.
  const { rows: processed } = await tx.query<{ message_id: string; profile_id: string | null }>(
    `SELECT message_id, profile_id FROM cdp_events
     WHERE tenant_id = $1 AND source_id = $2 AND message_id = ANY ($3::text[])`,
    [tenantId, sourceId, ids],
  );
  for (const row of processed) {
    outcomes.set(row.message_id, { state: 'processed', profileId: row.profile_id });
  }
  return outcomes;
}
