import type { Tx } from '@orchestrator/shared/ports';
import type { Profile } from '../../contracts/index.ts';
import { IdentityRepository } from '../profiles/identity-repository.ts';

interface ProfileRow {
  id: string;
  traits: Record<string, unknown>;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  event_count: number;
}

/** Profiles by id as the API shows them (with identities), in the order of `ids`; missing ids are skipped. */
export async function loadProfiles(tx: Tx, ids: readonly string[]): Promise<Profile[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<ProfileRow>(
    `SELECT id, traits, first_seen_at, last_seen_at, event_count FROM cdp_profiles WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const identities = await new IdentityRepository().ofProfiles(tx, ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id: row.id,
        traits: row.traits,
        identities: identities
          .filter((identity) => identity.profileId === id)
          .map(({ type, value }) => ({ type, value })),
        firstSeenAt: row.first_seen_at?.toISOString() ?? null,
        lastSeenAt: row.last_seen_at?.toISOString() ?? null,
        eventCount: row.event_count,
      },
    ];
  });
}
