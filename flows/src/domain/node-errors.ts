/**
 * Thrown by an executor when trying again cannot help (no recipient address, a 4xx answer, a step
 * that needs a profile on a run without one): the executor skips the remaining retries and goes to
 * the `error` handle, or fails the run.
 */
export class PermanentNodeError extends Error {
  override readonly name = 'PermanentNodeError';
}

export function isPermanentNodeError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PermanentNodeError';
}
