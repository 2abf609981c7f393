import { isBlockedIdentifier } from '../blocked-identifier-values.ts';
import { identifierKey, type Identifier } from '../identifiers.ts';

const NO_WORKSPACE_BLOCKS: ReadonlySet<string> = new Set();

/**
 * The identifiers a GDPR deletion suppresses, and a message is checked against: every identity of
 * the person except group ids — a group id is the company's, shared by every colleague, and
 * suppressing it would silently drop their messages too. Built-in placeholders are skipped as well:
 * they are never identities, and checking them would serialize every message that carries one.
 */
export function suppressibleIdentifiers(identifiers: readonly Identifier[]): Identifier[] {
  const seen = new Set<string>();
  return identifiers.filter((identifier) => {
    if (identifier.type === 'group_id' || isBlockedIdentifier(identifier, NO_WORKSPACE_BLOCKS)) return false;
    const key = identifierKey(identifier);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The text a suppression entry's hash is computed from: versioned, with NUL separators so no
 * (tenant, type, value) can be spelled like another. The tenant makes equal values of two
 * workspaces hash differently, so entries cannot be linked across workspaces.
 */
export function suppressionSubject(tenantId: string, identifier: Identifier): string {
  return `cdp-suppression/v1\u0000${tenantId.toLowerCase()}\u0000${identifier.type}\u0000${identifier.value}`;
}
