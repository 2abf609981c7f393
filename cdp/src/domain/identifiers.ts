import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import type { IdentityType } from '../contracts/profiles-api.ts';
import type { NormalizedMessage } from '../contracts/segment-message.ts';

/** One (type, value) pair of the identity graph, with its value normalized. */
export interface Identifier {
  type: IdentityType;
  value: string;
}

export interface IdentifierExtractionOptions {
  /**
   * Country for phone numbers written without an international prefix (a workspace setting).
   * Without it such numbers are not identifiers: guessing a country would link strangers.
   */
  defaultPhoneCountry?: CountryCode;
}

/** The key of an identifier in sets and block lists: `${type}:${value}`. */
export function identifierKey(identifier: Identifier): string {
  return `${identifier.type}:${identifier.value}`;
}

/**
 * Ids are opaque and case-sensitive; Segment lets them be numbers. Anything else (objects, booleans,
 * NaN) is a client bug and never an identifier.
 */
export function normalizeId(raw: unknown): string | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : undefined;
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim();
  return value === '' || value.length > 1024 ? undefined : value;
}

// zod's "practical" e-mail pattern: one @, a dotted domain with a TLD, no spaces or quotes.
const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/**
 * Trimmed and lower-cased. Dots and `+tags` are kept: they are part of the address on most providers,
 * and folding them would link people who merely share a Gmail-style pattern.
 */
export function normalizeEmail(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const parsed = EmailSchema.safeParse(raw.normalize('NFC'));
  return parsed.success ? parsed.data : undefined;
}

function parsePhone(raw: unknown, defaultCountry?: CountryCode): PhoneNumber | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim().replace(/^tel:/i, '');
  if (text === '' || text.length > 64) return undefined;
  // `extract: false`: the whole text must be a phone number, not merely contain one.
  const parsed = parsePhoneNumberFromString(text, {
    extract: false,
    ...(defaultCountry && { defaultCountry }),
  });
  return parsed?.isValid() ? parsed : undefined;
}

/** E.164 (`+14155552671`) using full metadata, so invalid ranges are rejected, not just bad lengths. */
export function normalizePhone(raw: unknown, defaultCountry?: CountryCode): string | undefined {
  return parsePhone(raw, defaultCountry)?.number;
}

/**
 * A phone as an identifier: additionally no extension, because the number before an extension is a
 * switchboard shared by everyone behind it and would merge colleagues.
 */
function phoneIdentifierValue(raw: unknown, defaultCountry?: CountryCode): string | undefined {
  const phone = parsePhone(raw, defaultCountry);
  return phone && !phone.ext ? phone.number : undefined;
}

const ExternalIdSchema = z.object({
  id: z.union([z.string(), z.number()]),
  type: z.string().trim().min(1).max(200),
  collection: z.string().optional(),
});

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * `context.externalIds` (Segment's Personas shape `{id, type, collection, encoding}`). Types that name
 * one of our identity types ('user_id', 'email', …) become that type; others become an external_id
 * `${type}:${id}` with the type lower-cased (it is a namespace label, e.g. 'hubspot_id'), the id as is.
 * Entries of another collection than 'users' (e.g. 'accounts') identify a company, not a person, and
 * are skipped: matching on them would merge colleagues.
 */
function externalIdentifiers(
  context: Record<string, unknown> | undefined,
  options: IdentifierExtractionOptions,
) {
  const entries = Array.isArray(context?.externalIds) ? context.externalIds : [];
  const found: Identifier[] = [];
  for (const entry of entries) {
    const parsed = ExternalIdSchema.safeParse(entry);
    if (!parsed.success) continue;
    const { id, type, collection } = parsed.data;
    if (collection !== undefined && collection.trim().toLowerCase() !== 'users') continue;
    const kind = type.toLowerCase();
    const value =
      kind === 'email'
        ? normalizeEmail(id)
        : kind === 'phone'
          ? phoneIdentifierValue(id, options.defaultPhoneCountry)
          : normalizeId(id);
    if (value === undefined) continue;
    if (kind === 'user_id' || kind === 'anonymous_id' || kind === 'email' || kind === 'phone') {
      found.push({ type: kind, value });
    } else {
      found.push({ type: 'external_id', value: `${kind}:${value}` });
    }
  }
  return found;
}

/**
 * An alias's `previousId` is "whatever id the user had before" (Segment). analytics.js fills it with
 * the current userId if there is one, else the anonymousId, and sends the anonymousId alongside. So:
 * when the message also carries a *different* anonymousId, previousId was a user id; otherwise (equal
 * to the anonymousId, or a server-side alias without one) it is treated as an anonymous id, which is
 * the common case (linking pre-signup activity). A previous user id then meets the user_id limit of 1,
 * so renaming a user is refused rather than merging two identified people.
 */
function previousIdIdentifier(message: NormalizedMessage): Identifier | undefined {
  if (message.type !== 'alias') return undefined;
  const value = normalizeId(message.previousId);
  if (value === undefined) return undefined;
  const anonymousId = normalizeId(message.anonymousId);
  const usedAsUserId = anonymousId !== undefined && anonymousId !== value;
  return { type: usedAsUserId ? 'user_id' : 'anonymous_id', value };
}

/**
 * All identifiers a message carries, normalized and deduplicated (blocked values NOT yet removed), in a
 * stable order: userId, previousId, anonymousId, e-mails, phones, groupId, external ids.
 *
 * Group messages' `traits` describe the company, so their e-mail/phone are NOT the person's and are not
 * read (only `context.traits`, which is the user's). `properties.email` is read from track events
 * (e.g. "Form Submitted", "Booking Created") where it is the person's own address.
 */
export function extractIdentifiers(
  message: NormalizedMessage,
  options: IdentifierExtractionOptions = {},
): Identifier[] {
  const context = asRecord(message.context);
  const contextTraits = asRecord(context?.traits);
  const personTraits = message.type === 'identify' ? asRecord(message.traits) : undefined;
  const properties = message.type === 'track' ? asRecord(message.properties) : undefined;

  const candidates: (Identifier | undefined)[] = [];
  const push = (type: IdentityType, value: string | undefined) =>
    candidates.push(value === undefined ? undefined : { type, value });

  push('user_id', normalizeId(message.userId));
  candidates.push(previousIdIdentifier(message));
  push('anonymous_id', normalizeId(message.anonymousId));
  for (const source of [personTraits, contextTraits, properties])
    push('email', normalizeEmail(source?.email));
  for (const source of [personTraits, contextTraits]) {
    push('phone', phoneIdentifierValue(source?.phone, options.defaultPhoneCountry));
  }
  if (message.type === 'group') push('group_id', normalizeId(message.groupId));
  candidates.push(...externalIdentifiers(context, options));

  const seen = new Set<string>();
  const identifiers: Identifier[] = [];
  for (const identifier of candidates) {
    if (identifier === undefined || seen.has(identifierKey(identifier))) continue;
    seen.add(identifierKey(identifier));
    identifiers.push(identifier);
  }
  return identifiers;
}
