import { apiClient } from '@orchestrator/shared/api-client';
import {
  BlockedIdentifierListSchema,
  IdentityRulesSettingsSchema,
  type BlockedIdentifier,
  type IdentityRules,
  type IdentityRulesSettings,
} from '../../contracts/index.ts';

const BLOCKED_IDENTIFIERS_API = '/api/v1/cdp/blocked-identifiers';
const IDENTITY_RULES_API = '/api/v1/cdp/identity-rules';

export const IDENTITY_PATH = '/customers/identity';

export async function listBlockedIdentifiers(signal: AbortSignal): Promise<BlockedIdentifier[]> {
  const { items } = await apiClient.get(BLOCKED_IDENTIFIERS_API, BlockedIdentifierListSchema, { signal });
  return items;
}

/** Replaces the workspace's whole list; answers with the list as stored (lower-cased, sorted). */
export async function saveBlockedIdentifiers(
  items: readonly BlockedIdentifier[],
): Promise<BlockedIdentifier[]> {
  const saved = await apiClient.put(BLOCKED_IDENTIFIERS_API, { items }, BlockedIdentifierListSchema);
  return saved.items;
}

/** The identity rules in force in the workspace: its own, or the defaults. */
export function loadIdentityRules(signal: AbortSignal): Promise<IdentityRulesSettings> {
  return apiClient.get(IDENTITY_RULES_API, IdentityRulesSettingsSchema, { signal });
}

/** Replaces the workspace's rules (admins); they apply to messages processed from now on. */
export function saveIdentityRules(rules: IdentityRules): Promise<IdentityRulesSettings> {
  return apiClient.put(IDENTITY_RULES_API, rules, IdentityRulesSettingsSchema);
}

/** Back to the default rules (admins); answers with the defaults. */
export function resetIdentityRules(): Promise<IdentityRulesSettings> {
  return apiClient.delete(IDENTITY_RULES_API, IdentityRulesSettingsSchema);
}
