import type { Tx } from '@orchestrator/shared/ports';
import { EMPTY_PROFILE_STATE, applyMessage, type TraitStrategy } from '../../domain/index.ts';
import { EventRepository } from './event-repository.ts';
import { ProfileRepository, type ProfileRecord } from './profile-repository.ts';
import { toNormalizedMessage } from './stored-message.ts';

/**
 * Rebuilds a profile from its events alone: the events of the profile and of everything merged into
 * it, folded in timestamp order from an empty state, and the count recounted. Events are the source of
 * truth; this is how an undo (and any repair) sets a profile right.
 */
export async function recomputeProfile(
  tx: Tx,
  profileId: string,
  strategies: Record<string, TraitStrategy>,
): Promise<ProfileRecord> {
  const profiles = new ProfileRepository();
  const treeIds = await profiles.treeIds(tx, profileId);
  const rows = await new EventRepository().messagesOf(tx, treeIds);
  let state = EMPTY_PROFILE_STATE;
  for (const row of rows) state = applyMessage(state, toNormalizedMessage(row), strategies);
  return profiles.saveState(tx, profileId, state);
}
