import { NotFoundError } from '@orchestrator/shared/errors';
import type { Tx } from '@orchestrator/shared/ports';
import { identifierKey, type Identifier } from '../../domain/index.ts';
import { suppressibleIdentifiers } from '../../domain/privacy/index.ts';
import { IdentityRepository } from '../profiles/identity-repository.ts';
import { ProfileRepository } from '../profiles/profile-repository.ts';

/** A live profile and everything merged into it, with their identities, held still for erasure. */
export interface LockedPerson {
  liveId: string;
  treeIds: string[];
  /** Identifiers to suppress: every identity of the tree but group ids. */
  identifiers: Identifier[];
}

/** Re-reads before giving up while messages keep changing the person. */
const MAX_ROUNDS = 10;

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Stops every change to the person until the transaction ends: first the identity advisory locks
 * (the ones the profile builder takes, in its order — before any row lock, as it does), then the
 * profile rows (which undo takes). Messages that held the locks first have finished when we get them,
 * so the person is re-read until nothing new appears; every later message waits, and then finds the
 * suppression entries (see admitMessage). A merged-away id stands for its survivor.
 */
export async function lockPerson(tx: Tx, tenantId: string, profileId: string): Promise<LockedPerson> {
  const profiles = new ProfileRepository();
  const identities = new IdentityRepository();
  const locked = new Set<string>();
  const read = async () => {
    const liveId = await profiles.resolveLiveId(tx, profileId);
    if (!liveId) throw new NotFoundError('No such profile');
    const treeIds = await profiles.treeIds(tx, liveId);
    const identifiers = suppressibleIdentifiers(
      (await identities.ofProfiles(tx, treeIds)).map(({ type, value }) => ({ type, value })),
    );
    return { liveId, treeIds, identifiers };
  };
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const person = await read();
    const missing = person.identifiers.filter((identifier) => !locked.has(identifierKey(identifier)));
    if (missing.length > 0) {
      await identities.lock(tx, tenantId, missing);
      missing.forEach((identifier) => locked.add(identifierKey(identifier)));
      continue;
    }
    await profiles.lock(tx, person.treeIds);
    const again = await read();
    if (
      again.liveId === person.liveId &&
      sameSet(again.treeIds, person.treeIds) &&
      again.identifiers.every((identifier) => locked.has(identifierKey(identifier)))
    ) {
      return again;
    }
  }
  throw new Error('The profile kept changing while it was being locked for deletion; try again');
}
