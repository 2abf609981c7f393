import type { Tx } from '@orchestrator/shared/ports';
import {
  DEFAULT_IDENTITY_RULES,
  workspaceBlockedSet,
  type Identifier,
  type IdentityRules,
  type TraitStrategy,
} from '../../domain/index.ts';
import { IDENTIFIER_LOCKS, identifierLockKeys } from './identity-repository.ts';

/** What the processor needs of a workspace's settings for every message. */
export interface ProcessingSettings {
  /** The workspace's blocked identifiers, as `isBlockedIdentifier` looks them up. */
  blocked: ReadonlySet<string>;
  /** Merge strategy per defined trait; others use the domain's default ('latest'). */
  strategies: Record<string, TraitStrategy>;
  /** The workspace's identity rules, or the defaults. */
  rules: IdentityRules;
}

/**
 * The settings in one round trip. With `lock`, the same statement first takes the advisory locks of
 * these identifiers (as IdentityRepository.lock does: same keys, same order).
 */
export async function loadProcessingSettings(
  tx: Tx,
  lock?: { tenantId: string; identifiers: readonly Identifier[] },
): Promise<ProcessingSettings> {
  const { rows } = await tx.query<{
    blocked: string[];
    strategies: Record<string, TraitStrategy>;
    rules: IdentityRules | null;
  }>(
    `WITH locked AS MATERIALIZED (SELECT count(pg_advisory_xact_lock(k.hash)) AS locks FROM ${IDENTIFIER_LOCKS('$1')})
     SELECT (SELECT locks FROM locked) AS locks,
            (SELECT coalesce(jsonb_agg(type || ':' || value), '[]') FROM cdp_blocked_identifiers) AS blocked,
            (SELECT coalesce(jsonb_object_agg(key, strategy), '{}') FROM cdp_trait_definitions) AS strategies,
            (SELECT rules FROM cdp_identity_rules) AS rules`,
    [lock ? identifierLockKeys(lock.tenantId, lock.identifiers) : []],
  );
  const row = rows[0]!;
  return {
    blocked: workspaceBlockedSet(row.blocked),
    strategies: row.strategies,
    rules: row.rules ?? DEFAULT_IDENTITY_RULES,
  };
}
