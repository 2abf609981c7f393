import {
  EMPTY_PROFILE_STATE,
  identifierKey,
  type CandidateProfile,
  type Identifier,
  type ProfileState,
} from '../../domain/index.ts';
import type { StoredIdentity } from './identity-repository.ts';
import type { ProfileRecord } from './profile-repository.ts';

/** One profile as the batch sees it: as locked from the database, or created by the batch. */
export interface WorkingProfile {
  id: string;
  /** Oldest-first tie-break; new profiles get the transaction's time plus their creation order in µs. */
  createdAt: string;
  /** The row's own createdAt/updatedAt as a merge snapshot records them. */
  updatedAt: string;
  state: ProfileState;
  /** The count as the row holds it, plus what the batch attributed and merged in (for snapshots). */
  eventCount: number;
  mergedInto: string | null;
  storedMergedInto: string | null;
  isNew: boolean;
  /** A message of the batch was attributed to it: its state and recounted event count are written. */
  saved: boolean;
}

/** One row of the identity graph; `storedOwner` is where the database has it (undefined: a new row). */
export interface WorkingIdentity extends Identifier {
  profileId: string;
  firstSeenAt: string;
  addedByEventId: number | null;
  storedOwner: string | undefined;
  removed: boolean;
}

/**
 * The part of the identity graph a batch can reach — every live profile holding one of its
 * identifiers, with all their identities — kept up to date in memory while its messages are resolved.
 * Later messages of the batch can only reach profiles found here or created by earlier ones.
 */
export class WorkingGraph {
  readonly profiles = new Map<string, WorkingProfile>();
  private readonly rows: WorkingIdentity[] = [];
  private readonly byKey = new Map<string, WorkingIdentity[]>();
  private readonly byProfile = new Map<string, WorkingIdentity[]>();

  constructor(locked: readonly ProfileRecord[], identities: readonly StoredIdentity[]) {
    for (const record of locked) {
      this.profiles.set(record.id, {
        id: record.id,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        state: record.state,
        eventCount: record.eventCount,
        mergedInto: record.mergedInto,
        storedMergedInto: record.mergedInto,
        isNew: false,
        saved: false,
      });
    }
    for (const identity of identities) {
      this.add({ ...identity, storedOwner: identity.profileId, removed: false });
    }
  }

  create(id: string, createdAt: string): WorkingProfile {
    const profile: WorkingProfile = {
      id,
      createdAt,
      updatedAt: createdAt,
      state: EMPTY_PROFILE_STATE,
      eventCount: 0,
      mergedInto: null,
      storedMergedInto: null,
      isNew: true,
      saved: false,
    };
    this.profiles.set(id, profile);
    return profile;
  }

  /** The live profiles holding any of the identifiers, with all their identities, in id order. */
  candidates(matching: readonly Identifier[]): CandidateProfile[] {
    const found = new Map<string, WorkingProfile>();
    for (const identifier of matching) {
      for (const row of this.byKey.get(identifierKey(identifier)) ?? []) {
        const profile = this.profiles.get(row.profileId)!;
        if (profile.mergedInto === null) found.set(profile.id, profile);
      }
    }
    return [...found.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((profile) => ({
        id: profile.id,
        firstSeenAt: profile.state.firstSeenAt,
        createdAt: profile.createdAt,
        identities: this.identitiesOf(profile.id).map(({ type, value }) => ({ type, value })),
      }));
  }

  identitiesOf(profileId: string): WorkingIdentity[] {
    return this.byProfile.get(profileId) ?? [];
  }

  /**
   * Gives the profile identifiers it did not hold yet; a row the unique keys already hold is left
   * alone (a shared group id may be held by others too).
   */
  attach(profileId: string, identifiers: readonly Identifier[], firstSeenAt: string, eventId: number): void {
    for (const { type, value } of identifiers) {
      const existing = this.byKey.get(identifierKey({ type, value })) ?? [];
      const taken =
        type === 'group_id' ? existing.some((row) => row.profileId === profileId) : existing.length > 0;
      if (taken) continue;
      this.add({
        type,
        value,
        profileId,
        firstSeenAt,
        addedByEventId: eventId,
        storedOwner: undefined,
        removed: false,
      });
    }
  }

  /** A merge: every identity of `fromId` now belongs to `toId`; a group id both hold is kept once (the target's row). */
  moveAll(fromId: string, toId: string): void {
    const moving = this.byProfile.get(fromId) ?? [];
    this.byProfile.delete(fromId);
    const kept = this.byProfile.get(toId) ?? [];
    const held = new Set(kept.map(identifierKey));
    for (const row of moving) {
      if (held.has(identifierKey(row))) {
        row.removed = true;
        const others = this.byKey.get(identifierKey(row))!.filter((other) => other !== row);
        this.byKey.set(identifierKey(row), others);
        continue;
      }
      row.profileId = toId;
      kept.push(row);
    }
    this.byProfile.set(toId, kept);
  }

  /**
   * What to write: rows gone (a group id both sides of a merge held is kept once), rows with a new
   * owner (merges), new rows (attached identifiers).
   */
  identityChanges() {
    const removed = [];
    const moved = [];
    const added = [];
    for (const row of this.rows) {
      const { type, value } = row;
      if (row.storedOwner === undefined) {
        if (!row.removed) {
          added.push({
            type,
            value,
            profile_id: row.profileId,
            first_seen_at: row.firstSeenAt,
            added_by_event_id: row.addedByEventId,
          });
        }
      } else if (row.removed) removed.push({ type, value, profile_id: row.storedOwner });
      else if (row.profileId !== row.storedOwner) {
        moved.push({ type, value, from_id: row.storedOwner, to_id: row.profileId });
      }
    }
    return { removed, moved, added };
  }

  private add(row: WorkingIdentity): void {
    this.rows.push(row);
    const key = identifierKey(row);
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), row]);
    const owned = this.byProfile.get(row.profileId);
    if (owned) owned.push(row);
    else this.byProfile.set(row.profileId, [row]);
  }
}
