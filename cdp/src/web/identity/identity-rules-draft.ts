import type { IdentityRules, IdentityType } from '../../contracts/index.ts';

/** The contract's bounds of a per-type limit. */
export const MIN_LIMIT = 1;
export const MAX_LIMIT = 100_000;

/** Identity rules as the editor holds them: limits as typed, so a field can be cleared while editing. */
export interface RulesDraft {
  /** Every type, highest priority first. */
  priority: IdentityType[];
  limits: Record<IdentityType, string>;
  matching: ReadonlySet<IdentityType>;
}

/** The fields the editor shows errors at: the server's 422 names them the same way (`body.limits.email`). */
export type RulesField = 'priority' | 'matching' | `limits.${IdentityType}`;

/** Messages per field, as the editor shows them at their inputs. */
export type RulesFieldErrors = Partial<Record<RulesField, string>>;

export const limitField = (type: IdentityType): RulesField => `limits.${type}`;

/** group_id never links events: everyone in one company would merge into one customer. */
export const canLinkEvents = (type: IdentityType) => type !== 'group_id';

export function draftOf(rules: IdentityRules): RulesDraft {
  const limits = {} as Record<IdentityType, string>;
  for (const type of rules.priority) limits[type] = String(rules.limits[type]);
  return { priority: [...rules.priority], limits, matching: new Set(rules.matching) };
}

/** Moves a type one place up (-1) or down (+1) in the priority; unchanged at either end. */
export function moveType(draft: RulesDraft, type: IdentityType, by: -1 | 1): RulesDraft {
  const from = draft.priority.indexOf(type);
  const to = from + by;
  if (from < 0 || to < 0 || to >= draft.priority.length) return draft;
  const priority = [...draft.priority];
  [priority[from], priority[to]] = [priority[to]!, priority[from]!];
  return { ...draft, priority };
}

export function setLimit(draft: RulesDraft, type: IdentityType, value: string): RulesDraft {
  return { ...draft, limits: { ...draft.limits, [type]: value } };
}

export function setMatching(draft: RulesDraft, type: IdentityType, links: boolean): RulesDraft {
  const matching = new Set(draft.matching);
  if (links && canLinkEvents(type)) matching.add(type);
  else matching.delete(type);
  return { ...draft, matching };
}

/** The whole number a limit field holds, or undefined when it is not one within the contract's bounds. */
function parseLimit(text: string): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value >= MIN_LIMIT && value <= MAX_LIMIT ? value : undefined;
}

/**
 * The rules to send, or the fields to fix first. The server checks the same and more (answering 422 per
 * field); checking here keeps a half-typed number from being sent at all.
 */
export function rulesFromDraft(draft: RulesDraft): {
  rules?: IdentityRules;
  errors: RulesFieldErrors;
} {
  const errors: RulesFieldErrors = {};
  const limits = {} as Record<IdentityType, number>;
  for (const type of draft.priority) {
    const limit = parseLimit(draft.limits[type]);
    if (limit === undefined) errors[limitField(type)] = 'Enter a whole number from 1 to 100,000';
    else limits[type] = limit;
  }
  const matching = draft.priority.filter((type) => draft.matching.has(type));
  if (matching.length === 0) errors.matching = 'At least one identifier must link events to a customer';
  if (Object.keys(errors).length > 0) return { errors };
  return { rules: { limits, priority: [...draft.priority], matching }, errors };
}

/** Whether the draft differs from the rules as saved (matching compared as a set, limits as numbers). */
export function isChanged(draft: RulesDraft, saved: IdentityRules): boolean {
  if (draft.priority.join() !== saved.priority.join()) return true;
  if (draft.matching.size !== saved.matching.length) return true;
  if (saved.matching.some((type) => !draft.matching.has(type))) return true;
  return draft.priority.some((type) => parseLimit(draft.limits[type]) !== saved.limits[type]);
}
