import type { Tx } from '@orchestrator/shared/ports';
import type { Profile } from '../../contracts/index.ts';
import { IdentityRepository } from './identity-repository.ts';

interface ProfileListRow {
  id: string;
  traits: Record<string, unknown>;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  event_count: number;
  /** The sort key as text with microseconds, for the cursor. */
  sort_key: string;
}

export interface ProfileListPosition {
  at: string;
  id: string;
}

export type ProfileListRowWithKey = Profile & { sortKey: string };

/**
 * Prefix search over trait text: each word of `q` as it tokenizes in the 'simple' configuration,
 * quoted (so no input can break the tsquery syntax) and matched as a prefix. NULL when `q` has no word.
 */
const TRAIT_QUERY = `(SELECT to_tsquery('simple', string_agg('''' || regexp_replace(lexeme, '([''\\\\])', '\\\\\\1', 'g') || ''':*', ' & '))
   FROM unnest(to_tsvector('simple', $1::text)))`;

const SORT_KEY = `coalesce(p.last_seen_at, p.created_at)`;

/** Reads of live profiles for the API: the customer list with search, and one profile. */
export class ProfileQueries {
  private readonly identities = new IdentityRepository();

  /**
   * Live profiles, most recently seen first, after the cursor position. `q` matches words (or word
   * prefixes) of trait values, and identity values by prefix, case-insensitively — so an exact e-mail
   * or user id always finds its profile. `segment` keeps only the current members of that segment.
   */
  async list(
    tx: Tx,
    options: { q?: string; segment?: string; after?: ProfileListPosition; limit: number },
  ): Promise<ProfileListRowWithKey[]> {
    const q = options.q?.trim() || null;
    const { rows } = await tx.query<ProfileListRow>(
      `SELECT p.id, p.traits, p.first_seen_at, p.last_seen_at, p.event_count,
              to_char(${SORT_KEY} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_key
       FROM cdp_profiles p
       WHERE p.merged_into IS NULL
         AND ($1::text IS NULL
              OR p.search @@ ${TRAIT_QUERY}
              OR p.id IN (SELECT i.profile_id FROM cdp_identities i WHERE lower(i.value) LIKE $2 ESCAPE '\\'))
         AND ($3::timestamptz IS NULL OR (${SORT_KEY}, p.id) < ($3::timestamptz, $4::uuid))
         AND ($6::uuid IS NULL OR EXISTS (SELECT 1 FROM cdp_segment_memberships m
              WHERE m.tenant_id = p.tenant_id AND m.segment_id = $6 AND m.profile_id = p.id AND m.exited_at IS NULL))
       ORDER BY ${SORT_KEY} DESC, p.id DESC
       LIMIT $5`,
      [
        q,
        q === null ? null : `${escapeLike(q.toLowerCase())}%`,
        options.after?.at ?? null,
        options.after?.id ?? null,
        options.limit,
        options.segment ?? null,
      ],
    );
    const identities = await this.identities.ofProfiles(
      tx,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      ...toProfile(
        row,
        identities.filter((identity) => identity.profileId === row.id),
      ),
      sortKey: row.sort_key,
    }));
  }

  /** One profile by id, whether live or not (the caller resolves merged ids first). */
  async get(tx: Tx, id: string): Promise<Profile | undefined> {
    const { rows } = await tx.query<ProfileListRow>(
      `SELECT id, traits, first_seen_at, last_seen_at, event_count, '' AS sort_key FROM cdp_profiles WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row && toProfile(row, await this.identities.ofProfiles(tx, [id]));
  }
}

function toProfile(
  row: ProfileListRow,
  identities: ReadonlyArray<Pick<Profile['identities'][number], 'type' | 'value'>>,
): Profile {
  return {
    id: row.id,
    traits: row.traits,
    identities: identities.map(({ type, value }) => ({ type, value })),
    firstSeenAt: row.first_seen_at?.toISOString() ?? null,
    lastSeenAt: row.last_seen_at?.toISOString() ?? null,
    eventCount: row.event_count,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
