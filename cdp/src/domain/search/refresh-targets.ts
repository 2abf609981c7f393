import { isUuid } from '@orchestrator/shared/contracts';

/** Events that name a profile but change nothing a search document holds (it lists no segments). */
const NOT_CONTENT = new Set(['Segment Entered', 'Segment Exited']);

/**
 * The profiles whose search document an event on `cdp.profile-events` may have changed: the profile it
 * names, those a merge absorbed (their documents must go) and one an undo restored. Read leniently:
 * any event naming a profile counts, except segment membership changes, so event types added later (a
 * deletion, a consent change) refresh too; a malformed event refreshes nothing. Ids come lower-cased,
 * each once.
 */
export function profilesToRefresh(event: unknown): string[] {
  if (typeof event !== 'object' || event === null) return [];
  const fields = event as Record<string, unknown>;
  if (typeof fields.type === 'string' && NOT_CONTENT.has(fields.type)) return [];
  const candidates: unknown[] = [fields.profileId, fields.restoredId];
  if (Array.isArray(fields.absorbedIds)) candidates.push(...fields.absorbedIds);
  const ids = candidates.filter(isUuid).map((id) => id.toLowerCase());
  return [...new Set(ids)];
}
