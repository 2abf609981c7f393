import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A random, unguessable public slug like `k7m2xq9a4p` (no look-alike characters). */
export function newSlug(length = 10): string {
  const bytes = randomBytes(length);
  let slug = '';
  for (const byte of bytes) slug += ALPHABET[byte % ALPHABET.length];
  return slug;
}

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{2,62}$/;
