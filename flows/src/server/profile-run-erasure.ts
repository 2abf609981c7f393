import { z } from 'zod';
import { TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import type { DeliveredMessage, Tx } from '@orchestrator/shared/ports';
import { ProfileBusEventSchema } from '@orchestrator/cdp/contracts';

/** A GDPR erasure of a person in the CDP (`Profile Deleted` on `cdp.profile-events`). */
export interface ProfileErasure {
  tenantId: string;
  /** The live profile and every profile merged into it. */
  erasedIds: string[];
}

/** What a run's personal data is replaced with. */
const ERASED = JSON.stringify({ erased: true });

/** Why the runs of an erased person ended (and what replaces any error text they held). */
export const PROFILE_ERASED_REASON = 'profile erased';

/** The erasure a bus message announces, or undefined when it is anything else. */
export function profileErasureOf(delivered: DeliveredMessage): ProfileErasure | undefined {
  // Every message is asked; only erasures are worth a schema check.
  if ((delivered.value as { type?: unknown } | null)?.type !== 'Profile Deleted') return undefined;
  const tenant = z.uuid().safeParse(delivered.headers?.[TENANT_ID_HEADER]);
  const parsed = ProfileBusEventSchema.safeParse(delivered.value);
  if (!tenant.success || !parsed.success || parsed.data.type !== 'Profile Deleted') return undefined;
  return {
    tenantId: tenant.data,
    erasedIds: [...new Set([parsed.data.profileId, ...parsed.data.erasedIds])],
  };
}

export const isProfileErasure = (item: object): item is ProfileErasure => 'erasedIds' in item;

/**
 * Flows' part of an erasure: the person's live runs are cancelled (no worker writes to them
 * afterwards: every executor write is fenced by a live status), their event waits and entry records
 * go, and every run of theirs — live or finished — keeps its outcome but loses what was personal: the
 * trigger event's properties and context (its name, ids and time stay, so it is still a FlowEvent),
 * step inputs and outputs, error texts and the profile id itself. One statement; an erasure delivered
 * again finds nothing left to change.
 */
export class ProfileRunErasure {
  /** Returns how many live runs were cancelled. */
  async erase(tx: Tx, tenantId: string, profileIds: readonly string[], now: Date): Promise<number> {
    const { rows } = await tx.query<{ cancelled: number }>(
      `WITH erased AS (
         UPDATE flow_runs SET
           status = CASE WHEN status IN ('running', 'waiting') THEN 'cancelled' ELSE status END,
           finished_at = CASE WHEN status IN ('running', 'waiting') THEN $3::timestamptz ELSE finished_at END,
           current_node_id = CASE WHEN status IN ('running', 'waiting') THEN NULL ELSE current_node_id END,
           error = CASE WHEN status IN ('running', 'waiting') OR error IS NOT NULL THEN $4::text END,
           next_at = NULL, claim_token = NULL, resume_at = NULL, resume_event = NULL,
           "trigger" = "trigger" || jsonb_build_object('profileId', NULL, 'properties', $5::jsonb, 'context', '{}'::jsonb),
           profile_id = NULL, updated_at = $3::timestamptz
         WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])
         RETURNING id, status, error
       ), steps AS (
         UPDATE flow_steps s SET
           status = CASE WHEN s.status IN ('running', 'waiting') THEN 'skipped' ELSE s.status END,
           finished_at = CASE WHEN s.status IN ('running', 'waiting') THEN $3::timestamptz ELSE s.finished_at END,
           next_attempt_at = NULL,
           input = CASE WHEN s.input IS NULL THEN NULL ELSE $5::jsonb END,
           output = CASE WHEN s.output IS NULL THEN NULL ELSE $5::jsonb END,
           error = CASE WHEN s.error IS NULL THEN NULL ELSE $4::text END
         FROM erased e WHERE s.run_id = e.id
       ), waits AS (
         DELETE FROM flow_event_waits
         WHERE tenant_id = $1 AND (profile_id = ANY($2::uuid[]) OR run_id IN (SELECT id FROM erased))
       ), entries AS (
         DELETE FROM flow_entries WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])
       )
       SELECT count(*)::int AS cancelled FROM erased WHERE status = 'cancelled' AND error = $4::text`,
      [tenantId, profileIds, now.toISOString(), PROFILE_ERASED_REASON, ERASED],
    );
    return rows[0]?.cancelled ?? 0;
  }
}
