import type { RequestHandler } from 'express';
import { RateLimitedError } from '../errors/index.ts';
import type { RateLimitRule, RateLimiter } from '../ports/index.ts';

/**
 * Per-tenant token bucket (per client IP before authentication), so one noisy workspace cannot starve
 * the others. Sets the draft IETF RateLimit headers on every answer.
 */
export function rateLimit(limiter: RateLimiter, rule: RateLimitRule, scope = 'api'): RequestHandler {
  return async (req, res, next) => {
    try {
      const subject = req.principal ? `tenant:${req.principal.tenantId}` : `ip:${req.ip ?? 'unknown'}`;
      const decision = await limiter.take(`${scope}:${subject}`, rule);
      res.setHeader('ratelimit-limit', String(rule.capacity));
      res.setHeader('ratelimit-remaining', String(Math.max(0, Math.floor(decision.remaining))));
      if (!decision.allowed) {
        const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
        throw new RateLimitedError(`Rate limit reached; retry in ${seconds} s`, seconds);
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
