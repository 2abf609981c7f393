import type { Tx } from '@orchestrator/shared/ports';
import type { SegmentVocabulary } from '../../contracts/index.ts';

/** Bounded samples, so suggestions stay cheap on a workspace with millions of profiles and events. */
const RECENT_PROFILES = 1000;
const RECENT_EVENTS = 5000;
const MAX_SUGGESTIONS = 300;

/**
 * Trait keys (of recently changed profiles, and every defined trait) and event names (of recent
 * events, most frequent first) — suggestions for the rule editor, not a complete catalog.
 */
export async function segmentVocabulary(tx: Tx): Promise<SegmentVocabulary> {
  const traits = await tx.query<{ key: string }>(
    `SELECT key FROM (
       SELECT jsonb_object_keys(recent.traits) AS key
       FROM (SELECT traits FROM cdp_profiles WHERE merged_into IS NULL ORDER BY updated_at DESC LIMIT $1) AS recent
       UNION
       SELECT key FROM cdp_trait_definitions
     ) AS keys
     ORDER BY lower(key), key LIMIT $2`,
    [RECENT_PROFILES, MAX_SUGGESTIONS],
  );
  const events = await tx.query<{ event: string }>(
    `SELECT recent.event FROM (SELECT event FROM cdp_events WHERE event IS NOT NULL ORDER BY id DESC LIMIT $1) AS recent
     GROUP BY recent.event ORDER BY count(*) DESC, recent.event LIMIT $2`,
    [RECENT_EVENTS, MAX_SUGGESTIONS],
  );
  return { traits: traits.rows.map((row) => row.key), events: events.rows.map((row) => row.event) };
}
