import type { RequestHandler } from 'express';
import type { Role } from '../contracts/index.ts';
import { ForbiddenError } from '../errors/index.ts';
import { principalOf } from './request-context.ts';

/** Owners may do everything an admin may; otherwise a role must be listed explicitly. */
export function hasRole(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role) || (role === 'owner' && allowed.includes('admin'));
}

export function requireRole(allowed: readonly Role[]): RequestHandler {
  return (req, _res, next) => {
    const { role } = principalOf(req);
    if (!hasRole(role, allowed)) {
      return next(new ForbiddenError(`This needs one of the roles ${allowed.join(', ')}; you are ${role}`));
    }
    next();
  };
}
