import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Problem } from '../contracts/index.ts';
import { DomainError, NotFoundError } from '../errors/index.ts';

const PROBLEM_TYPE_BASE = 'https://orchestrator.dev/problems/';

export function problemFor(error: DomainError, instance?: string): Problem {
  return {
    type: PROBLEM_TYPE_BASE + error.code,
    title: error.title,
    status: error.status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
  };
}

/** Errors thrown by body-parser and other http-errors style middleware carry `status` and `type`. */
interface HttpLibraryError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message: string;
}

function fromLibraryError(error: HttpLibraryError): Problem | undefined {
  const status = error.status ?? error.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  if (error.type === 'entity.parse.failed') {
    return {
      type: `${PROBLEM_TYPE_BASE}bad-request`,
      title: 'Bad request',
      status: 400,
      detail: 'The body is not valid JSON',
    };
  }
  if (error.type === 'entity.too.large') {
    return {
      type: `${PROBLEM_TYPE_BASE}payload-too-large`,
      title: 'Payload too large',
      status: 413,
      detail: 'The request body is larger than this endpoint accepts',
    };
  }
  return {
    type: `${PROBLEM_TYPE_BASE}http-${status}`,
    title: 'Request refused',
    status,
    detail: error.expose ? error.message : 'The request could not be processed',
  };
}

/**
 * The one error middleware: every error becomes RFC 9457 problem+json. Unknown errors are logged with
 * their stack and answered with a bare 500 — never a stack trace or an HTML page.
 */
export function problemResponder(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    let problem: Problem;
    if (error instanceof DomainError) {
      problem = problemFor(error, req.originalUrl);
      if (error.retryAfterSeconds !== undefined)
        res.setHeader('retry-after', String(error.retryAfterSeconds));
    } else {
      problem = fromLibraryError(error as HttpLibraryError) ?? {
        type: `${PROBLEM_TYPE_BASE}internal`,
        title: 'Internal server error',
        status: 500,
        detail: 'Something went wrong on our side; the request id helps us find it',
      };
      if (problem.status >= 500) req.log?.error({ err: error }, 'unhandled error');
    }
    res
      .status(problem.status)
      .type('application/problem+json')
      .json({ ...problem, requestId: req.id });
  };
}

/** Unknown API paths answer 404 problem+json too, not Express's HTML page. */
export function notFoundResponder(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`No route for ${req.method} ${req.path}`));
}
