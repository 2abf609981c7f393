import { randomBytes } from 'node:crypto';

/**
 * A new write key: 32 random bytes as base64url (43 characters, URL-safe, no `:` so it fits the user
 * name of HTTP Basic auth).
 */
export function newWriteKey(): string {
  return randomBytes(32).toString('base64url');
}
