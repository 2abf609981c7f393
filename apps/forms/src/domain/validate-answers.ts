import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldError } from '@orchestrator/shared/errors';
import type { AnswerValue, CompiledForm, Field, FormDefinition } from '../contracts/index.ts';
import {
  DEFAULT_FILE_MAX_KB,
  DEFAULT_LONG_TEXT_MAX,
  DEFAULT_RATING_MAX,
  DEFAULT_SCALE_MAX,
  DEFAULT_SCALE_MIN,
  DEFAULT_SHORT_TEXT_MAX,
  isAnswerable,
} from './compile-form.ts';
import { isEmptyAnswer, visitedPath } from './logic.ts';

// ajv-formats is CommonJS with a default export; under NodeNext its namespace is what we get.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The same formats @rjsf/validator-ajv8 registers, so the page and the server agree. */
export const DATA_URL_FORMAT = /^data:([a-z]+\/[a-z0-9-+.]+)?;(?:name=(.*);)?base64,(.*)$/;

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, multipleOfPrecision: 8 });
  addFormats(ajv);
  ajv.addFormat('data-url', DATA_URL_FORMAT);
  return ajv;
}

/** A compiled ajv validator of one published version's answers schema (versions are immutable: cache it). */
export type AnswersValidator = ValidateFunction;

export function createAnswersValidator(compiled: Pick<CompiledForm, 'jsonSchema'>): AnswersValidator {
  return createAjv().compile(compiled.jsonSchema);
}

/** Trims texts and drops empty answers (null, blank strings, empty arrays): they count as unanswered. */
export function normalizeAnswers(raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(raw)) {
    const cleaned =
      typeof value === 'string'
        ? value.trim()
        : Array.isArray(value)
          ? value
              .map((item) => (typeof item === 'string' ? item.trim() : item))
              .filter((item) => !isEmptyAnswer(item))
          : value;
    if (!isEmptyAnswer(cleaned)) answers[id] = cleaned;
  }
  return answers;
}

const between = (low: number, high: number, unit = '') => `must be between ${low} and ${high}${unit}`;

function lengthMessage(field: Field, keyword: string, limit: number): string {
  const min = 'min' in field && typeof field.min === 'number' ? field.min : undefined;
  const fallbackMax = field.kind === 'long_text' ? DEFAULT_LONG_TEXT_MAX : DEFAULT_SHORT_TEXT_MAX;
  const max = 'max' in field && typeof field.max === 'number' ? field.max : fallbackMax;
  if (min !== undefined && min > 0 && 'max' in field && field.max !== undefined) {
    return between(min, max, ' characters long');
  }
  return keyword === 'minLength'
    ? `must be at least ${limit} character${limit === 1 ? '' : 's'} long`
    : `must be at most ${limit} characters long`;
}

function rangeMessage(field: Field, keyword: string, limit: number): string {
  switch (field.kind) {
    case 'rating':
      return between(1, field.max ?? DEFAULT_RATING_MAX);
    case 'opinion_scale':
      return between(field.min ?? DEFAULT_SCALE_MIN, field.max ?? DEFAULT_SCALE_MAX);
    case 'number':
      if (field.min !== undefined && field.max !== undefined) return between(field.min, field.max);
      break;
    default:
      break;
  }
  return keyword === 'minimum' ? `must be at least ${limit}` : `must be at most ${limit}`;
}

function itemsMessage(field: Field, keyword: string, limit: number): string {
  if (
    field.kind === 'multiple_choice' &&
    field.min !== undefined &&
    field.max !== undefined &&
    field.min > 0
  ) {
    return `choose between ${field.min} and ${field.max} options`;
  }
  return keyword === 'minItems'
    ? `choose at least ${limit} option${limit === 1 ? '' : 's'}`
    : `choose at most ${limit} option${limit === 1 ? '' : 's'}`;
}

function typeMessage(field: Field): string {
  switch (field.kind) {
    case 'number':
      return field.integer ? 'must be a whole number' : 'must be a number';
    case 'rating':
    case 'opinion_scale':
      return 'must be a whole number';
    case 'yes_no':
      return 'must be yes or no';
    case 'legal_consent':
      return 'must be accepted or declined';
    case 'multiple_choice':
      return 'must be a list of options';
    default:
      return 'must be text';
  }
}

/** The one message a field gets for an ajv error (worded for respondents, per field kind). */
export function messageFor(field: Field, error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'type':
      return typeMessage(field);
    case 'format':
    case 'pattern':
      switch (field.kind) {
        case 'email':
          return 'must be a valid e-mail address';
        case 'url':
          return 'must be a valid URL starting with http:// or https://';
        case 'phone':
          return 'must be a valid phone number';
        case 'date':
          return field.includeTime ? 'must be a valid date and time' : 'must be a valid date (YYYY-MM-DD)';
        case 'file_upload':
          return 'must be a file';
        default:
          return 'is not in the expected format';
      }
    case 'minLength':
      if (field.kind === 'single_choice' || field.kind === 'multiple_choice') return 'is required';
      return lengthMessage(field, error.keyword, Number(params.limit));
    case 'maxLength':
      if (field.kind === 'file_upload') {
        return `must be a file of at most ${field.maxSizeKb ?? DEFAULT_FILE_MAX_KB} KB`;
      }
      if (field.kind === 'single_choice' || field.kind === 'multiple_choice') {
        return 'is too long (at most 500 characters)';
      }
      return lengthMessage(field, error.keyword, Number(params.limit));
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return rangeMessage(field, error.keyword, Number(params.limit));
    case 'enum':
      return 'must be one of the options';
    case 'const':
      return 'must be accepted';
    case 'minItems':
    case 'maxItems':
      return itemsMessage(field, error.keyword, Number(params.limit));
    case 'uniqueItems':
      return 'must not choose the same option twice';
    case 'additionalProperties':
      return 'is not a field of this form';
    default:
      return error.message ?? 'is invalid';
  }
}

/** Ajv keyword priority: when a field fails several checks, name the most basic one. */
const PRIORITY = ['required', 'type', 'const', 'enum', 'format', 'pattern'];
const rank = (keyword: string) => {
  const index = PRIORITY.indexOf(keyword);
  return index === -1 ? PRIORITY.length : index;
};

export interface ValidatedSubmission {
  /** Answers of the fields on the path, by field id (screens and unreached fields dropped). */
  answers: Record<string, AnswerValue>;
  /** The declared hidden fields that were sent. */
  hiddenFields: Record<string, string>;
  /** The ids of the fields the respondent visited (screens included), in order. */
  path: string[];
}

export type SubmissionValidation =
  { ok: true; value: ValidatedSubmission } | { ok: false; errors: FieldError[] };

/**
 * Server-side validation of a submission, mirroring HeyForm: normalize the answers, re-run the logic
 * to find the visited path, drop answers of fields not on it (and of unknown ids and screens), then
 * validate what is left with ajv against the version's compiled schema, keeping only errors of reached
 * fields. One error per bad field, `answers.<fieldId>`, worded per kind. Hidden fields: only declared
 * names are kept.
 */
export function validateSubmission(
  definition: Pick<FormDefinition, 'fields' | 'logic' | 'hiddenFields'>,
  validator: AnswersValidator,
  input: { answers: Readonly<Record<string, unknown>>; hiddenFields: Readonly<Record<string, string>> },
): SubmissionValidation {
  const normalized = normalizeAnswers(input.answers);
  const path = visitedPath(definition.fields, definition.logic, normalized);
  const reached = new Set(path);
  const fieldsById = new Map(definition.fields.map((field) => [field.id, field]));

  const answers: Record<string, unknown> = {};
  for (const id of path) {
    const field = fieldsById.get(id);
    if (field && isAnswerable(field) && id in normalized) answers[id] = normalized[id];
  }

  const byField = new Map<string, ErrorObject>();
  if (!validator(answers)) {
    for (const error of validator.errors ?? []) {
      const id =
        error.keyword === 'required'
          ? String((error.params as { missingProperty?: unknown }).missingProperty)
          : error.instancePath.split('/')[1];
      if (id === undefined || !reached.has(id) || !fieldsById.has(id)) continue;
      const previous = byField.get(id);
      if (!previous || rank(error.keyword) < rank(previous.keyword)) byField.set(id, error);
    }
  }
  if (byField.size > 0) {
    const errors = definition.fields
      .filter((field) => byField.has(field.id))
      .map((field) => ({ field: `answers.${field.id}`, message: messageFor(field, byField.get(field.id)!) }));
    return { ok: false, errors };
  }

  const declared = new Set(definition.hiddenFields.map((hidden) => hidden.name));
  const hiddenFields = Object.fromEntries(
    Object.entries(input.hiddenFields).filter(
      ([name, value]) => declared.has(name) && typeof value === 'string',
    ),
  );
  return { ok: true, value: { answers: answers as Record<string, AnswerValue>, hiddenFields, path } };
}
