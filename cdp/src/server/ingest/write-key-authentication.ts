import type { Request } from 'express';
import { UnauthorizedError } from '@orchestrator/shared/errors';
import type { WriteKeyOwner } from '../sources/sources-repository.ts';
import type { WriteKeyDirectory } from './write-key-directory.ts';

/** The source and workspace an ingest request writes to. */
export interface IngestSource {
  sourceId: string;
  tenantId: string;
}

/**
 * The write key of a Segment-style request: the user name of HTTP Basic auth (password empty), as the
 * server SDKs send it, or the `writeKey` field of the body, as analytics.js sends it (it avoids custom
 * headers so browsers need no CORS preflight).
 */
export function writeKeyOf(req: Request, body: unknown): string | undefined {
  const header = req.get('authorization');
  const basic = header ? /^Basic\s+(\S+)\s*$/i.exec(header) : null;
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const user = decoded.split(':', 1)[0]!;
    if (user) return user;
  }
  if (typeof body === 'object' && body !== null && 'writeKey' in body) {
    const { writeKey } = body as { writeKey: unknown };
    if (typeof writeKey === 'string' && writeKey.trim()) return writeKey.trim();
  }
  return undefined;
}

/** The source a request may write to; a missing, unknown, rotated-out or disabled key is a 401. */
export async function authenticateWriteKey(
  directory: WriteKeyDirectory,
  writeKey: string | undefined,
): Promise<IngestSource> {
  if (!writeKey) {
    throw new UnauthorizedError(
      "Send the source's write key as the HTTP Basic user name (empty password) or as `writeKey` in the body",
    );
  }
  const owner: WriteKeyOwner | undefined = await directory.lookup(writeKey);
  if (!owner) throw new UnauthorizedError('This write key is unknown or was rotated out');
  if (!owner.enabled) throw new UnauthorizedError('The source of this write key is disabled');
  return { sourceId: owner.sourceId, tenantId: owner.tenantId };
}
