import { formErrorsFromProblem, isApiProblem } from '@orchestrator/shared/api-client';
import { IDENTITY_TYPES } from '../customers/profile-display.ts';
import {
  limitField,
  type RulesDraft,
  type RulesField,
  type RulesFieldErrors,
} from './identity-rules-draft.ts';

/** What went wrong with a save or reset: errors shown at their inputs, and the alert's list. */
export interface RulesFailure {
  /** Per limit input (the other fields have no input of their own, so they are in `messages`). */
  errors: RulesFieldErrors;
  messages: string[];
}

const FIELDS: readonly RulesField[] = ['priority', 'matching', ...IDENTITY_TYPES.map(limitField)];

/** The alert's list: the errors without an input of their own first, then a pointer to those with one. */
export function failureOf(errors: RulesFieldErrors, other: readonly string[] = []): RulesFailure {
  const messages: string[] = [];
  if (errors.priority) messages.push(`Priority: ${errors.priority}`);
  if (errors.matching) messages.push(`Links events to a customer: ${errors.matching}`);
  messages.push(...other);
  if (IDENTITY_TYPES.some((type) => errors[limitField(type)])) messages.push('Check the marked limits.');
  return { errors, messages };
}

/** A refused save or reset: the server's field errors (422) where they belong, anything else as said. */
export function failureFromError(error: unknown): RulesFailure {
  if (isApiProblem(error) && error.errors.length > 0) {
    const { byField, other } = formErrorsFromProblem(error, FIELDS);
    return failureOf(byField, other);
  }
  if (isApiProblem(error)) return failureOf({}, [error.detail ?? error.title]);
  return failureOf({}, ['Try again in a moment.']);
}

/** The errors still true after an edit: a field's error goes once that field is changed. */
export function errorsAfterEdit(
  errors: RulesFieldErrors,
  before: RulesDraft,
  after: RulesDraft,
): RulesFieldErrors {
  const kept = { ...errors };
  if (before.priority !== after.priority) delete kept.priority;
  if (before.matching !== after.matching) delete kept.matching;
  for (const type of IDENTITY_TYPES) {
    if (before.limits[type] !== after.limits[type]) delete kept[limitField(type)];
  }
  return kept;
}
