import { z } from 'zod';
import { IdentityTypeSchema } from '../contracts/profiles-api.ts';
import type { Identifier } from './identifiers.ts';

/** A family of placeholder values, matched by pattern, said in words for the people who configure it. */
export interface BlockedValuePattern {
  pattern: RegExp;
  description: string;
  examples: readonly string[];
}

/** The built-in patterns (the values are lower-cased and trimmed before they are tested). */
export const BUILT_IN_BLOCKED_PATTERNS: readonly BlockedValuePattern[] = [
  {
    // The nil UUID, the IDFA of users with ad tracking off, zeroed device ids.
    pattern: /^[0-]+$/,
    description: 'Only zeros and dashes',
    examples: ['00000000-0000-0000-0000-000000000000'],
  },
  { pattern: /^\+?(\d)\1{5,}$/, description: 'One digit repeated', examples: ['111111', '+99999999999'] },
  { pattern: /^\{\{.*\}\}$/, description: 'An unrendered template', examples: ['{{user.id}}'] },
  { pattern: /^\$\{.*\}$/, description: 'An unrendered template', examples: ['${userId}'] },
  { pattern: /^%[^%]+%$/, description: 'An unrendered template', examples: ['%USER_ID%'] },
  { pattern: /^\[\[.*\]\]$/, description: 'An unrendered template', examples: ['[[id]]'] },
  {
    pattern: /^(test|testing|user|email|name|example|noemail|no-email|none|null|anonymous|fake|foo|a)@/,
    description: 'An e-mail that stands for nobody in particular',
    examples: ['test@acme.com', 'noemail@acme.com'],
  },
  {
    pattern: /^(no|do-?not)[-_.]?reply@/,
    description: 'A no-reply address',
    examples: ['no-reply@acme.com'],
  },
  {
    pattern: /@(example\.(com|net|org)|test\.com|localhost|mailinator\.com)$/,
    description:
      'An address at a domain reserved for documentation and tests (RFC 2606), or a throwaway inbox',
    examples: ['ada@example.com', 'bob@mailinator.com'],
  },
  {
    pattern: /@[^@]*\.(test|example|invalid|localhost)$/,
    description: 'An address under a top-level domain reserved for tests (RFC 2606)',
    examples: ['ada@shop.test'],
  },
];

/**
 * Placeholder values that SDKs, templates and QA leave in id fields. Any one of them, shared by
 * thousands of people, would merge them all into one profile (the "mega-merge" that Segment's and
 * PostHog's block lists exist for). They apply to every identifier type and are compared
 * case-insensitively on the trimmed value. A blocked value stays in the stored message and in the
 * traits; it is only never promoted to an identifier.
 */
export const BUILT_IN_BLOCKED_VALUES: readonly string[] = [
  // Empty, falsy and stringified nothing in many languages.
  '',
  '0',
  '-1',
  'null',
  '(null)',
  '<nil>',
  'nil',
  'none',
  'undefined',
  'nan',
  'na',
  'n/a',
  'false',
  'true',
  'void',
  '[object object]',
  'object',
  // Words standing in for "no real id".
  'anonymous',
  'anon',
  'unknown',
  'not_authenticated',
  'guest',
  'user',
  'test',
  'abc123',
  'default',
  'dummy',
  'placeholder',
  'example',
  // The field's own name left in by a template.
  'id',
  'userid',
  'user_id',
  'anonymousid',
  'anonymous_id',
  'distinct_id',
  'distinctid',
  'email',
  'phone',
  // The Android ID that a buggy Android 2.2 build gave every device.
  '9774d56d682e549c',
  // All zeros and dashes, one digit repeated, unrendered templates, placeholder e-mails: the patterns above.
];

const builtInStrings = new Set(BUILT_IN_BLOCKED_VALUES);

/** Why an identifier is not used: which rule blocks it. */
export type BlockReason =
  | { kind: 'built-in value'; value: string }
  | { kind: 'built-in pattern'; description: string }
  | { kind: 'workspace'; entry: string };

/**
 * Whether an identifier must not be used. `workspaceBlocked` holds the workspace's additions as
 * `${type}:${value}` (that type only) or `*:${value}` (any type), lower-case (see
 * `parseWorkspaceBlockedEntry`). An external id `crm:null` is also checked by its id part ('null'),
 * since the placeholder sits after the namespace.
 */
export function isBlockedIdentifier(identifier: Identifier, workspaceBlocked: ReadonlySet<string>): boolean {
  return blockReasonOf(identifier, workspaceBlocked) !== undefined;
}

/** The rule that blocks an identifier (see isBlockedIdentifier), or undefined when it is used. */
export function blockReasonOf(
  identifier: Identifier,
  workspaceBlocked: ReadonlySet<string>,
): BlockReason | undefined {
  const value = identifier.value.trim().toLowerCase();
  const values = [value];
  if (identifier.type === 'external_id') {
    const separator = value.indexOf(':');
    if (separator >= 0) values.push(value.slice(separator + 1));
  }
  for (const candidate of values) {
    if (builtInStrings.has(candidate)) return { kind: 'built-in value', value: candidate };
    const pattern = BUILT_IN_BLOCKED_PATTERNS.find((entry) => entry.pattern.test(candidate));
    if (pattern) return { kind: 'built-in pattern', description: pattern.description };
    // Typed entries first, then any-type ones (no array per candidate: this runs for every identifier).
    const typed = `${identifier.type}:${candidate}`;
    if (workspaceBlocked.has(typed)) return { kind: 'workspace', entry: typed };
    if (workspaceBlocked.has(`*:${candidate}`)) return { kind: 'workspace', entry: `*:${candidate}` };
  }
  return undefined;
}

/**
 * One workspace block-list entry as an admin types it (`email:bot@acme.com`, `*:DEVICE-42`),
 * validated and lower-cased into the form `isBlockedIdentifier` looks up.
 */
export const WorkspaceBlockedEntrySchema = z
  .string()
  .trim()
  .max(1100)
  .transform((entry) => entry.toLowerCase())
  .pipe(
    z.string().refine(
      (entry) => {
        const separator = entry.indexOf(':');
        const type = entry.slice(0, separator);
        return separator > 0 && (type === '*' || IdentityTypeSchema.safeParse(type).success);
      },
      { message: 'must be "<identity type>:<value>" or "*:<value>"' },
    ),
  );

/** Builds the set `isBlockedIdentifier` expects from stored entries, normalizing case and spaces. */
export function workspaceBlockedSet(entries: Iterable<string>): ReadonlySet<string> {
  const set = new Set<string>();
  for (const entry of entries) {
    const parsed = WorkspaceBlockedEntrySchema.safeParse(entry);
    if (parsed.success) set.add(parsed.data);
  }
  return set;
}

/** The identifiers that may be used, in their original order. */
export function withoutBlockedIdentifiers(
  identifiers: readonly Identifier[],
  workspaceBlocked: ReadonlySet<string>,
): Identifier[] {
  return identifiers.filter((identifier) => !isBlockedIdentifier(identifier, workspaceBlocked));
}
