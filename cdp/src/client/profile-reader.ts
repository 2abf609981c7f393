import type { Queryable, Tx } from '@orchestrator/shared/ports';

/** A live profile as other modules read it: plain trait values and the identifiers it holds. */
export interface ProfileReadout {
  /** The live profile (the survivor when the id asked for was merged away). */
  id: string;
  traits: Record<string, unknown>;
  identities: Array<{ type: string; value: string }>;
  /** The identifiers a Segment message needs to reach this profile (user id first). */
  userId: string | null;
  anonymousId: string | null;
}

/** A timeline event as other modules read it. */
export interface ProfileEventReadout {
  /** Named as the automations see it: a track's name, `Page Viewed`, `Screen Viewed`, `Identified`. */
  event: string;
  messageId: string;
  timestamp: string;
  properties: Record<string, unknown>;
}

/** Names the automations give page, screen and identify messages (see flows' FlowEventSchema). */
const MESSAGE_TYPE_OF_EVENT: Record<string, string> = {
  'Page Viewed': 'page',
  'Screen Viewed': 'screen',
  Identified: 'identify',
};

/** The live end of an id's merge chain. */
const LIVE_ID = `WITH RECURSIVE chain(id, merged_into, depth) AS (
    SELECT id, merged_into, 0 FROM cdp_profiles WHERE id = $1
    UNION ALL
    SELECT p.id, p.merged_into, chain.depth + 1 FROM cdp_profiles p
    JOIN chain ON p.id = chain.merged_into WHERE chain.depth < 1000
  )
  SELECT id FROM chain WHERE merged_into IS NULL`;

/** A profile and everything merged into it (their events make up its timeline). */
const TREE = `WITH RECURSIVE tree(id) AS (
    SELECT $1::uuid
    UNION
    SELECT p.id FROM cdp_profiles p JOIN tree ON p.merged_into = tree.id
  )`;

/**
 * Read-only access to CDP profiles for other modules (the automations engine): a profile snapshot and
 * "did this profile get event E since T", straight from the CDP tables, inside the caller's tenant
 * transaction (so Row Level Security walls it). Ids of profiles merged away resolve to their survivor.
 */
export class ProfileReader {
  /** The live profile `profileId` stands for, or undefined when there is none (unknown or erased). */
  async snapshot(tx: Tx, profileId: string): Promise<ProfileReadout | undefined> {
    const live = await this.liveId(tx, profileId);
    if (!live) return undefined;
    const { rows } = await tx.query<{ traits: Record<string, unknown> }>(
      'SELECT traits FROM cdp_profiles WHERE id = $1',
      [live],
    );
    const row = rows[0];
    if (!row) return undefined;
    const identities = await tx.query<{ type: string; value: string }>(
      'SELECT type, value FROM cdp_identities WHERE profile_id = $1 ORDER BY first_seen_at, type, value',
      [live],
    );
    const first = (type: string) => identities.rows.find((identity) => identity.type === type)?.value ?? null;
    return {
      id: live,
      traits: row.traits ?? {},
      identities: identities.rows.map(({ type, value }) => ({ type, value })),
      userId: first('user_id'),
      anonymousId: first('anonymous_id'),
    };
  }

  /** Snapshots of many profiles in one query, keyed by the id asked for (absent: no such profile). */
  async snapshots(tx: Queryable, profileIds: readonly string[]): Promise<Map<string, ProfileReadout>> {
    const result = new Map<string, ProfileReadout>();
    if (profileIds.length === 0) return result;
    const { rows } = await tx.query<{
      asked: string;
      id: string;
      traits: Record<string, unknown> | null;
      identities: Array<{ type: string; value: string }>;
    }>(
      `WITH RECURSIVE chain(asked, id, merged_into, depth) AS (
         SELECT p.id, p.id, p.merged_into, 0 FROM cdp_profiles p WHERE p.id = ANY($1::uuid[])
         UNION ALL
         SELECT chain.asked, p.id, p.merged_into, chain.depth + 1 FROM cdp_profiles p
         JOIN chain ON p.id = chain.merged_into WHERE chain.depth < 1000
       )
       SELECT chain.asked, p.id, p.traits,
              coalesce((SELECT json_agg(json_build_object('type', i.type, 'value', i.value)
                                 ORDER BY i.first_seen_at, i.type, i.value)
                        FROM cdp_identities i WHERE i.tenant_id = p.tenant_id AND i.profile_id = p.id), '[]'::json)
                AS identities
       FROM chain JOIN cdp_profiles p ON p.id = chain.id
       WHERE chain.merged_into IS NULL`,
      [[...new Set(profileIds)]],
    );
    for (const row of rows) {
      const first = (type: string) =>
        row.identities.find((identity) => identity.type === type)?.value ?? null;
      result.set(row.asked, {
        id: row.id,
        traits: row.traits ?? {},
        identities: row.identities,
        userId: first('user_id'),
        anonymousId: first('anonymous_id'),
      });
    }
    return result;
  }

  /** The live profile an id stands for: itself, or the survivor at the end of its merge chain. */
  async liveId(tx: Tx, profileId: string): Promise<string | undefined> {
    const { rows } = await tx.query<{ id: string }>(LIVE_ID, [profileId]);
    return rows[0]?.id;
  }

  /**
   * Events named `event` the profile (or a profile merged into it) got at or after `since` (event
   * time), oldest first, at most `limit`. Callers filter properties with their own rules.
   */
  async eventsSince(
    tx: Tx,
    input: { profileId: string; event: string; since: Date; limit?: number },
  ): Promise<ProfileEventReadout[]> {
    const live = (await this.liveId(tx, input.profileId)) ?? input.profileId;
    const type = MESSAGE_TYPE_OF_EVENT[input.event] ?? 'track';
    const { rows } = await tx.query<{
      message_id: string;
      timestamp: Date | string;
      properties: Record<string, unknown> | null;
      traits: Record<string, unknown> | null;
    }>(
      `${TREE}
       SELECT e.message_id, e."timestamp", e.properties, e.traits FROM cdp_events e
       WHERE e.profile_id = ANY(ARRAY(SELECT id FROM tree))
         AND e.type = $2 AND ($2 <> 'track' OR e.event = $3)
         AND e."timestamp" >= $4
       ORDER BY e."timestamp", e.id
       LIMIT $5`,
      [live, type, input.event, input.since.toISOString(), input.limit ?? 100],
    );
    return rows.map((row) => ({
      event: input.event,
      messageId: row.message_id,
      timestamp: new Date(row.timestamp).toISOString(),
      properties: (type === 'identify' ? row.traits : row.properties) ?? {},
    }));
  }

  /** The profile's most recent event of the kinds automations see (track, page, screen, identify). */
  async latestEvent(tx: Tx, profileId: string): Promise<ProfileEventReadout | undefined> {
    const live = (await this.liveId(tx, profileId)) ?? profileId;
    const { rows } = await tx.query<{
      type: string;
      event: string | null;
      message_id: string;
      timestamp: Date | string;
      properties: Record<string, unknown> | null;
      traits: Record<string, unknown> | null;
    }>(
      `${TREE}
       SELECT e.type, e.event, e.message_id, e."timestamp", e.properties, e.traits FROM cdp_events e
       WHERE e.profile_id = ANY(ARRAY(SELECT id FROM tree)) AND e.type IN ('track', 'page', 'screen', 'identify')
       ORDER BY e."timestamp" DESC, e.id DESC
       LIMIT 1`,
      [live],
    );
    const row = rows[0];
    if (!row) return undefined;
    const name =
      row.type === 'track'
        ? (row.event ?? 'Event')
        : (Object.entries(MESSAGE_TYPE_OF_EVENT).find(([, type]) => type === row.type)?.[0] ?? row.type);
    return {
      event: name,
      messageId: row.message_id,
      timestamp: new Date(row.timestamp).toISOString(),
      properties: (row.type === 'identify' ? row.traits : row.properties) ?? {},
    };
  }
}
