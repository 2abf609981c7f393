import type { RequestHandler } from 'express';
import { TENANT_HEADER, type Role } from '../contracts/index.ts';
import { ForbiddenError, UnauthorizedError } from '../errors/index.ts';
import type { AuthProvider } from '../ports/index.ts';

/** API keys are told apart from JWTs by this prefix. */
export const API_KEY_PREFIX = 'ork_';

/** Where the host looks up workspace access; implemented by the accounts repository. */
export interface AccessDirectory {
  /** The user's role in `tenantId`, or in their oldest workspace when no tenant is asked for. */
  membership(
    userId: string,
    tenantId: string | undefined,
  ): Promise<{ tenantId: string; role: Role } | undefined>;
  /** The workspace and role of a live (not revoked) API key. */
  apiKey(secret: string): Promise<{ apiKeyId: string; tenantId: string; role: Role } | undefined>;
}

/**
 * Bearer authentication: an API key (`ork_…`) or an access token from the AuthProvider, then the
 * workspace membership that decides tenant and role. Sets `req.principal`.
 */
export function authenticate(authProvider: AuthProvider, directory: AccessDirectory): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return next(new UnauthorizedError('Send "Authorization: Bearer <token or API key>"'));
    const credential = match[1]!;
    try {
      if (credential.startsWith(API_KEY_PREFIX)) {
        const key = await directory.apiKey(credential);
        if (!key) throw new UnauthorizedError('This API key is unknown or revoked');
        req.principal = { tenantId: key.tenantId, role: key.role, apiKeyId: key.apiKeyId };
        return next();
      }
      const identity = await authProvider.verify(credential);
      const requested = req.get(TENANT_HEADER) || undefined;
      const membership = await directory.membership(identity.userId, requested);
      if (!membership) {
        throw requested
          ? new ForbiddenError('You are not a member of this workspace')
          : new ForbiddenError('You are not a member of any workspace');
      }
      req.principal = { tenantId: membership.tenantId, role: membership.role, userId: identity.userId };
      next();
    } catch (error) {
      next(error);
    }
  };
}
