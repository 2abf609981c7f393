import { createHash } from 'node:crypto';
import type { Identifier } from '../../domain/index.ts';
import { suppressionSubject } from '../../domain/privacy/index.ts';

/**
 * The key a suppression entry is stored under: hex SHA-256 of the versioned (tenant, type, value)
 * subject. One-way, so the list does not keep a deleted person's e-mail or ids; deterministic, so a
 * message carrying the value can be checked against it. (An attacker with the database and a guess of
 * the e-mail can confirm the guess — inherent in any list that must recognize the value again; the
 * tenant in the subject at least makes a precomputed table per workspace necessary.)
 */
export function suppressionHash(tenantId: string, identifier: Identifier): string {
  return createHash('sha256').update(suppressionSubject(tenantId, identifier), 'utf8').digest('hex');
}
