import { z } from 'zod';

const UUID_OR_EMPTY = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$/;

/**
 * A uuid, or empty for "any". A plain string with a pattern rather than a union, so the editor's
 * generated form shows one text field instead of a choice between schemas.
 */
export const optionalIdSchema = (description: string) =>
  z.string().trim().regex(UUID_OR_EMPTY, 'Not an id').default('').describe(description);

/** Ids compare case-insensitively (a pasted id may be upper case). */
export function sameId(actual: unknown, expected: string): boolean {
  return typeof actual === 'string' && actual.toLowerCase() === expected.toLowerCase();
}
