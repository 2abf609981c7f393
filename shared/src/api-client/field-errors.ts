import type { ApiProblem } from './api-problem.ts';

export interface FormErrors<Field extends string> {
  /** The first message for each form field, capitalised for display under the field. */
  byField: Partial<Record<Field, string>>;
  /** Messages that belong to no field of this form, shown at the top. */
  other: string[];
}

/** Matches the problem's `errors` (fields like `body.email`) to the fields of a form. */
export function formErrorsFromProblem<Field extends string>(
  problem: ApiProblem,
  fields: readonly Field[],
): FormErrors<Field> {
  const byField: Partial<Record<Field, string>> = {};
  const other: string[] = [];
  for (const { field, message } of problem.errors) {
    const name = field.replace(/^body\./, '');
    const known = fields.find((candidate) => candidate === name);
    if (known && byField[known] === undefined) byField[known] = capitalise(message);
    else if (!known) other.push(`${name}: ${message}`);
  }
  return { byField, other };
}

function capitalise(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
