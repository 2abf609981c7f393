import { flattenValues, type FlatValue } from './flatten-values.ts';

/** One event of the timeline, as much of it as a document uses. */
export interface DocumentEvent {
  /** Segment's message type: track, page, screen, identify, group, alias. */
  type: string;
  /** track: the event name; page/screen: the page name. */
  event: string | null;
  properties: Record<string, unknown> | null;
  /** group: the group's traits (its name). */
  traits?: Record<string, unknown> | null;
}

export interface ProfileDocumentInput {
  traits: Record<string, unknown>;
  identities: ReadonlyArray<{ type: string; value: string }>;
  /** Newest first; only the first `maxEvents` are used. */
  events: readonly DocumentEvent[];
}

export interface ProfileDocumentLimits {
  maxEvents: number;
  maxTraits: number;
  maxPropertiesPerEvent: number;
  /** Longer values are cut with an ellipsis. */
  maxValueCharacters: number;
  /** The whole document; lines that do not fit are left out. */
  maxCharacters: number;
}

export const DEFAULT_PROFILE_DOCUMENT_LIMITS: ProfileDocumentLimits = {
  maxEvents: 25,
  maxTraits: 40,
  maxPropertiesPerEvent: 8,
  maxValueCharacters: 160,
  maxCharacters: 4000,
};

/** Traits that describe a person best come first; every other trait follows by name. */
const TRAIT_ORDER = [
  'name',
  'firstName',
  'first_name',
  'lastName',
  'last_name',
  'email',
  'phone',
  'title',
  'company',
  'plan',
  'industry',
  'website',
  'city',
  'country',
];

/** Properties that say what happened come first (a ticket's subject before its priority). */
const PROPERTY_ORDER = [
  'name',
  'title',
  'subject',
  'question',
  'answer',
  'answers',
  'message',
  'description',
  'category',
  'plan',
  'product',
  'url',
  'path',
];

/** Identity types worth reading; anonymous ids are random strings that only add noise. */
const IDENTITY_LABELS: Record<string, string> = {
  email: 'e-mail',
  user_id: 'user id',
  phone: 'phone',
  external_id: 'external id',
};

/**
 * The text a profile is searched by: its traits as `key: value` lines, its identifiers, and what it
 * did lately (event names, pages, short property values such as a ticket's subject or a form's
 * answers), newest first, repeated lines counted once. Deterministic (the same profile always gives
 * the same text, whatever the key order of its JSON), so an unchanged document is never re-embedded.
 */
export function buildProfileDocument(
  input: ProfileDocumentInput,
  limits: ProfileDocumentLimits = DEFAULT_PROFILE_DOCUMENT_LIMITS,
): string {
  const lines: string[] = [];
  const traits = flattenValues(input.traits, { order: TRAIT_ORDER, maxEntries: limits.maxTraits });
  for (const { key, value } of traits) lines.push(`${key}: ${clip(value, limits.maxValueCharacters)}`);

  const identities = identityText(input.identities);
  if (identities) lines.push(`identities: ${clip(identities, limits.maxValueCharacters * 2)}`);

  const activity = activityLines(input.events.slice(0, limits.maxEvents), limits);
  if (activity.length > 0) lines.push('recent activity:', ...activity.map((line) => `- ${line}`));
  return joinWithin(lines, limits.maxCharacters);
}

function identityText(identities: ProfileDocumentInput['identities']): string {
  const parts = identities
    .filter((identity) => identity.type in IDENTITY_LABELS)
    .map((identity) => `${IDENTITY_LABELS[identity.type]} ${identity.value}`);
  return [...new Set(parts)].sort().join('; ');
}

/** One line per distinct thing done, in the order first seen (newest first), with "(3 times)" for repeats. */
function activityLines(events: readonly DocumentEvent[], limits: ProfileDocumentLimits): string[] {
  const counts = new Map<string, number>();
  for (const event of events) {
    const line = describeEvent(event, limits);
    if (line !== undefined) counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].map(([line, count]) => (count > 1 ? `${line} (${count} times)` : line));
}

function describeEvent(event: DocumentEvent, limits: ProfileDocumentLimits): string | undefined {
  const name = event.event?.trim() ? clip(collapse(event.event), limits.maxValueCharacters) : undefined;
  let head: string | undefined;
  switch (event.type) {
    case 'track':
      head = name;
      break;
    case 'page':
      head = name ? `viewed page ${name}` : 'viewed a page';
      break;
    case 'screen':
      head = name ? `viewed screen ${name}` : 'viewed a screen';
      break;
    case 'group': {
      const group = event.traits?.name;
      head = typeof group === 'string' && group.trim() ? `joined group ${collapse(group)}` : 'joined a group';
      break;
    }
    default:
      // identify and alias change traits and identities, which the document shows already.
      return undefined;
  }
  if (!head) return undefined;
  const details = propertyText(event.properties ?? {}, limits);
  return details ? `${head} — ${details}` : head;
}

function propertyText(properties: Record<string, unknown>, limits: ProfileDocumentLimits): string {
  const entries: FlatValue[] = flattenValues(properties, {
    order: PROPERTY_ORDER,
    maxEntries: limits.maxPropertiesPerEvent,
  });
  return entries.map(({ key, value }) => `${key}: ${clip(value, limits.maxValueCharacters)}`).join('; ');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts on a code point boundary and marks the cut. */
function clip(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

/** Whole lines while they fit; a first line longer than the cap is clipped rather than dropped. */
function joinWithin(lines: readonly string[], maxCharacters: number): string {
  let text = '';
  for (const line of lines) {
    const next = text === '' ? line : `${text}\n${line}`;
    if (next.length > maxCharacters) return text === '' ? clip(line, maxCharacters) : text;
    text = next;
  }
  return text;
}
