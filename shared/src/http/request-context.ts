import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Role } from '../contracts/index.ts';

/** Who is calling, after authentication: a person through a membership, or an API key. */
export interface Principal {
  tenantId: string;
  role: Role;
  userId?: string;
  apiKeyId?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
    principal?: Principal;
  }
}

const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Gives every request an id (the caller's `x-request-id` if sane) echoed in the response and in every log line. */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ requestId: req.id });
    res.setHeader('x-request-id', req.id);
    next();
  };
}

/** The authenticated principal; routes behind `authenticate` can rely on it. */
export function principalOf(req: { principal?: Principal }): Principal {
  if (!req.principal) throw new Error('Route reached without authentication: mount it behind authenticate()');
  return req.principal;
}
