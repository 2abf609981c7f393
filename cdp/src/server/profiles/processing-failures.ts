/** A message that can never be processed as it is (e.g. a timestamp that is no date): reject it at once. */
export class UnprocessableMessageError extends Error {
  override readonly name = 'UnprocessableMessageError';
}

/**
 * SQLSTATE classes and codes that say "try again later": connection loss, serialization failures and
 * deadlocks, shutdowns, lack of resources, lock or statement timeouts.
 */
const TRANSIENT_CLASSES = ['08', '53', '57P', '58'];
const TRANSIENT_CODES = new Set(['40001', '40P01', '55P03', '57014']);
/** Errors of the driver or the network, before any SQL ran. */
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const TRANSIENT_MESSAGES =
  /connection terminated|connection timeout|client has encountered a connection error|timeout exceeded when trying to connect|cannot use a pool after calling end/i;

/**
 * Whether a failure is worth redelivering the batch for, however often: the database is away or the
 * transaction lost a race. Anything else may be specific to the message and is retried only a few times.
 */
export function isTransientFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (TRANSIENT_CODES.has(code) || TRANSIENT_NODE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_CLASSES.some((prefix) => code.startsWith(prefix)))
      return true;
  }
  return typeof message === 'string' && TRANSIENT_MESSAGES.test(message);
}

/**
 * Whether a failure is certain to repeat for this message: it is unprocessable, or Postgres refused its
 * data (class 22: invalid text, e.g. U+0000 in JSON, or an impossible date).
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof UnprocessableMessageError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}
