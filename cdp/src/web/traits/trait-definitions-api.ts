import { apiClient } from '@orchestrator/shared/api-client';
import { TraitDefinitionListSchema } from '../../contracts/index.ts';
import type { TraitDefinition, TraitDefinitionInput } from '../../contracts/index.ts';

const TRAIT_DEFINITIONS_API = '/api/v1/cdp/trait-definitions';

export const TRAITS_PATH = '/customers/traits';

export async function listTraitDefinitions(signal: AbortSignal): Promise<TraitDefinition[]> {
  const { items } = await apiClient.get(TRAIT_DEFINITIONS_API, TraitDefinitionListSchema, { signal });
  return items;
}

/** Replaces the workspace's whole set; answers with the set as stored. */
export async function saveTraitDefinitions(
  items: readonly TraitDefinitionInput[],
): Promise<TraitDefinition[]> {
  const saved = await apiClient.put(TRAIT_DEFINITIONS_API, { items }, TraitDefinitionListSchema);
  return saved.items;
}
