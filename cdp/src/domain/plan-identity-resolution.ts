import type { IdentityType } from '../contracts/profiles-api.ts';
import type { SegmentMessageType } from '../contracts/segment-message.ts';
import { identifierKey } from './identifiers.ts';
import type { Identifier } from './identifiers.ts';
import { DEFAULT_IDENTITY_RULES } from './identity-rules.ts';
import type { IdentityRules } from './identity-rules.ts';
import { compareInstants } from './instant.ts';

/** A live profile holding at least one of the message's identifiers. */
export interface CandidateProfile {
  id: string;
  firstSeenAt: string | null;
  createdAt: string;
  identities: Identifier[];
}

export type ResolutionPlan =
  | { kind: 'create'; attach: Identifier[]; dropped: Identifier[] }
  | { kind: 'attach'; profileId: string; attach: Identifier[]; dropped: Identifier[] }
  | {
      kind: 'merge';
      survivorId: string;
      absorbedIds: string[];
      attach: Identifier[];
      dropped: Identifier[];
      rule: string;
    };

/** Optional facts about the message, used only to name the merge rule. */
export interface ResolutionContext {
  messageType?: SegmentMessageType;
}

/**
 * Oldest first: earliest firstSeenAt (a profile that has seen no event yet comes after those that
 * have), then earliest createdAt, then smallest id. A total order on stored facts, so the survivor
 * never depends on the order candidates were loaded or messages processed.
 */
export function compareProfileAge(a: CandidateProfile, b: CandidateProfile): number {
  if (a.firstSeenAt !== b.firstSeenAt) {
    if (a.firstSeenAt === null) return 1;
    if (b.firstSeenAt === null) return -1;
    const bySeen = compareInstants(a.firstSeenAt, b.firstSeenAt);
    if (bySeen !== 0) return bySeen;
  }
  const byCreated = compareInstants(a.createdAt, b.createdAt);
  if (byCreated !== 0) return byCreated;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * `identifiers` are the message's (already without blocked values); `candidates` are every live profile
 * holding any of them (the caller found them in one query). Flat matching as in Segment: no match →
 * create; one → attach the new identifiers; several → merge them, unless the union would exceed a
 * limit, in which case drop the message's lowest-priority identifier and try again (which may end in
 * 'create' for the remaining identifiers). The survivor is the oldest profile: earliest firstSeenAt,
 * then earliest createdAt, then smallest id — so the outcome does not depend on processing order.
 * `attach` lists identifiers not yet on the chosen profile(s); `rule` names why the merge happened
 * (e.g. 'shared email', 'alias').
 *
 * Limits are checked for attaching too (a second user id on a profile is as wrong as merging two), and
 * only against what this message would newly cause: a profile already over a limit (rules tightened
 * later) still receives its own messages. The identifier dropped is the lowest-priority one among those
 * involved in the conflict (matching identifiers that found a profile, or new values of an over-limit
 * type), so an unrelated group id is not lost; among equals, the one later in the message goes first.
 * A message with no identifiers left gets 'create' with nothing to attach: the caller decides whether
 * such an event gets a profile of its own.
 */
export function planIdentityResolution(
  identifiers: Identifier[],
  candidates: CandidateProfile[],
  rules: IdentityRules = DEFAULT_IDENTITY_RULES,
  context: ResolutionContext = {},
): ResolutionPlan {
  const matchingTypes = new Set(rules.matching);
  const profilesByIdentifier = indexProfilesByIdentifier(candidates, matchingTypes);
  const rank = (type: IdentityType) => {
    const index = rules.priority.indexOf(type);
    return index < 0 ? rules.priority.length : index;
  };

  let remaining = dedupe(identifiers);
  const dropped: Identifier[] = [];
  for (;;) {
    const matched = profilesMatching(remaining, profilesByIdentifier);
    const held = new Set(matched.flatMap((profile) => profile.identities.map(identifierKey)));
    const overLimit = typesOverLimit(matched, remaining, rules.limits);
    if (overLimit.size === 0)
      return buildPlan(matched, remaining, held, dropped, context, matchingTypes, rank);

    const involved = remaining.filter(
      (identifier) =>
        profilesByIdentifier.has(identifierKey(identifier)) ||
        (overLimit.has(identifier.type) && !held.has(identifierKey(identifier))),
    );
    // Cannot be empty while a limit is broken, but falling back to every identifier guarantees progress.
    const pool = involved.length > 0 ? involved : remaining;
    let victim = pool[0]!;
    for (const identifier of pool) if (rank(identifier.type) >= rank(victim.type)) victim = identifier;
    remaining = remaining.filter((identifier) => identifier !== victim);
    dropped.push(victim);
  }
}

function dedupe(identifiers: Identifier[]): Identifier[] {
  const seen = new Set<string>();
  return identifiers.filter((identifier) => {
    const key = identifierKey(identifier);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Which profiles each matching identifier finds; group ids (and any non-matching type) find none. */
function indexProfilesByIdentifier(
  candidates: CandidateProfile[],
  matchingTypes: ReadonlySet<IdentityType>,
): Map<string, CandidateProfile[]> {
  const index = new Map<string, CandidateProfile[]>();
  const seenProfiles = new Set<string>();
  for (const profile of candidates) {
    if (seenProfiles.has(profile.id)) continue;
    seenProfiles.add(profile.id);
    for (const identity of profile.identities) {
      if (!matchingTypes.has(identity.type)) continue;
      const key = identifierKey(identity);
      const holders = index.get(key) ?? [];
      if (!holders.includes(profile)) holders.push(profile);
      index.set(key, holders);
    }
  }
  return index;
}

/** The distinct profiles the identifiers find, oldest first. */
function profilesMatching(
  identifiers: Identifier[],
  profilesByIdentifier: Map<string, CandidateProfile[]>,
): CandidateProfile[] {
  const found = new Map<string, CandidateProfile>();
  for (const identifier of identifiers) {
    for (const profile of profilesByIdentifier.get(identifierKey(identifier)) ?? [])
      found.set(profile.id, profile);
  }
  return [...found.values()].sort(compareProfileAge);
}

function distinctValuesByType(identifiers: Iterable<Identifier>): Map<IdentityType, Set<string>> {
  const byType = new Map<IdentityType, Set<string>>();
  for (const { type, value } of identifiers) {
    const values = byType.get(type) ?? new Set<string>();
    values.add(value);
    byType.set(type, values);
  }
  return byType;
}

/**
 * Types whose distinct values in (matched profiles ∪ message) exceed the limit AND exceed what any one
 * matched profile already holds, i.e. the violations this message would newly cause.
 */
function typesOverLimit(
  matched: CandidateProfile[],
  identifiers: Identifier[],
  limits: Record<IdentityType, number>,
): Set<IdentityType> {
  const union = distinctValuesByType([...matched.flatMap((profile) => profile.identities), ...identifiers]);
  const overLimit = new Set<IdentityType>();
  for (const [type, values] of union) {
    const alreadyHeld = Math.max(
      0,
      ...matched.map((profile) => distinctValuesByType(profile.identities).get(type)?.size ?? 0),
    );
    if (values.size > (limits[type] ?? Infinity) && values.size > alreadyHeld) overLimit.add(type);
  }
  return overLimit;
}

function buildPlan(
  matched: CandidateProfile[],
  remaining: Identifier[],
  held: ReadonlySet<string>,
  dropped: Identifier[],
  context: ResolutionContext,
  matchingTypes: ReadonlySet<IdentityType>,
  rank: (type: IdentityType) => number,
): ResolutionPlan {
  const attach = remaining.filter((identifier) => !held.has(identifierKey(identifier)));
  const [survivor, ...absorbed] = matched;
  if (survivor === undefined) return { kind: 'create', attach, dropped };
  if (absorbed.length === 0) return { kind: 'attach', profileId: survivor.id, attach, dropped };

  const linkingTypes = [
    ...new Set(
      remaining
        .filter((identifier) => matchingTypes.has(identifier.type) && held.has(identifierKey(identifier)))
        .map((identifier) => identifier.type),
    ),
  ].sort((a, b) => rank(a) - rank(b));
  const rule = context.messageType === 'alias' ? 'alias' : `shared ${linkingTypes.join(' + ')}`;
  return {
    kind: 'merge',
    survivorId: survivor.id,
    absorbedIds: absorbed.map((profile) => profile.id),
    attach,
    dropped,
    rule,
  };
}
