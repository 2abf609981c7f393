/** One bad field, as listed in a problem+json `errors` array. */
export interface FieldError {
  /** JSON pointer-like dotted path, e.g. `body.email` or `answers.3`. */
  field: string;
  message: string;
}

/**
 * Base of every error the suite throws on purpose. The HTTP layer turns it into an RFC 9457
 * problem+json answer with `status`, `title` and `detail`; anything else becomes a 500 with no details.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** Stable machine-readable code, also the last segment of the problem `type` URI. */
  abstract readonly code: string;
  readonly fieldErrors: FieldError[] | undefined;
  /** When to try again, for errors that pass (sent as Retry-After). */
  declare readonly retryAfterSeconds?: number;

  constructor(detail: string, fieldErrors?: FieldError[]) {
    super(detail);
    this.name = new.target.name;
    this.fieldErrors = fieldErrors;
  }
}

export class BadRequestError extends DomainError {
  readonly status = 400;
  readonly title = 'Bad request';
  readonly code = 'bad-request';
}

export class ValidationError extends DomainError {
  readonly status = 422;
  readonly title = 'Invalid input';
  readonly code = 'validation';
  constructor(detail: string, fieldErrors: FieldError[]) {
    super(detail, fieldErrors);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly title = 'Unauthorized';
  readonly code = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
  readonly code = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not found';
  readonly code = 'not-found';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
  readonly code = 'conflict';
}

export class GoneError extends DomainError {
  readonly status = 410;
  readonly title = 'Gone';
  readonly code = 'gone';
}

export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly title = 'Payload too large';
  readonly code = 'payload-too-large';
}

export class RateLimitedError extends DomainError {
  readonly status = 429;
  readonly title = 'Too many requests';
  readonly code = 'rate-limited';
  constructor(
    detail: string,
    override readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

/** The server is listening but not serving yet (migrations, seeding): try again shortly. */
export class ServerStartingError extends DomainError {
  readonly status = 503;
  readonly title = 'Starting';
  readonly code = 'starting';
  constructor(override readonly retryAfterSeconds: number) {
    super('The server is starting; try again in a moment.');
  }
}

/** A backend the suite depends on (Kestra, OpenAI, an e-mail API…) failed or answered nonsense. */
export class UpstreamError extends DomainError {
  readonly status = 502;
  readonly title = 'Upstream service failed';
  readonly code = 'upstream';
  constructor(
    readonly service: string,
    detail: string,
  ) {
    super(`${service}: ${detail}`);
  }
}
