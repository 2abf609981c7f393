import type { z } from 'zod';
import type { FieldError } from '../errors/index.ts';

/** Turns zod issues into problem+json field errors, named from the request part (`body.email`). */
export function fieldErrorsFrom(error: z.ZodError, part: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}
