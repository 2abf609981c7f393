import { apiClient } from '@orchestrator/shared/api-client';
import { BlockedIdentifierListSchema, type BlockedIdentifier } from '../../contracts/index.ts';

const BLOCKED_IDENTIFIERS_API = '/api/v1/cdp/blocked-identifiers';

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
