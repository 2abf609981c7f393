import {
  FORM_WIDGETS,
  isScreenKind,
  type CompiledForm,
  type Field,
  type FormDefinition,
  type HiddenField,
} from '../contracts/index.ts';

type JsonSchema = Record<string, unknown>;

/** Longest accepted texts when a field sets no `max`. */
export const DEFAULT_SHORT_TEXT_MAX = 1000;
export const DEFAULT_LONG_TEXT_MAX = 10_000;
export const DEFAULT_OTHER_MAX = 500;
export const DEFAULT_RATING_MAX = 5;
export const DEFAULT_SCALE_MIN = 0;
export const DEFAULT_SCALE_MAX = 10;
export const DEFAULT_FILE_MAX_KB = 200;
export const HIDDEN_FIELD_MAX = 2000;

/**
 * `+`, digits and the usual separators, 7–15 digits in all (E.164 allows 15). The CDP normalizes
 * further (libphonenumber); here we only refuse what is plainly not a phone number.
 */
export const PHONE_PATTERN = '^\\+?[0-9][0-9 ().\\-/]{5,24}$';
export const HTTP_URL_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+\\.[^\\s]+$';

/** The answer kinds: fields that collect a value (screens do not). */
export function isAnswerable(field: Field): boolean {
  return !isScreenKind(field.kind);
}

/** Upper bound of a data: URL's length for a file of `kb` kilobytes (base64 grows 4/3, plus the header). */
export function dataUrlMaxLength(kb: number): number {
  return Math.ceil((kb * 1024 * 4) / 3) + 512;
}

const withBounds = (
  schema: JsonSchema,
  lowKey: string,
  low: number | undefined,
  highKey: string,
  high: number | undefined,
): JsonSchema => ({
  ...schema,
  ...(low !== undefined ? { [lowKey]: low } : {}),
  ...(high !== undefined ? { [highKey]: high } : {}),
});

/** The JSON Schema of one answerable field's value (without title/description). */
function valueSchema(field: Field): JsonSchema | undefined {
  const required = field.required === true;
  switch (field.kind) {
    case 'short_text':
    case 'long_text': {
      const fallbackMax = field.kind === 'short_text' ? DEFAULT_SHORT_TEXT_MAX : DEFAULT_LONG_TEXT_MAX;
      const min = Math.max(field.min ?? 0, required ? 1 : 0);
      return withBounds(
        { type: 'string' },
        'minLength',
        min || undefined,
        'maxLength',
        field.max ?? fallbackMax,
      );
    }
    case 'number':
      return withBounds(
        { type: field.integer ? 'integer' : 'number' },
        'minimum',
        field.min,
        'maximum',
        field.max,
      );
    case 'email':
      return { type: 'string', format: 'email', maxLength: 254 };
    case 'url':
      return { type: 'string', format: 'uri', pattern: HTTP_URL_PATTERN, maxLength: 2000 };
    case 'phone':
      return { type: 'string', pattern: PHONE_PATTERN, maxLength: 32 };
    case 'yes_no':
      return { type: 'boolean' };
    case 'legal_consent':
      return required ? { type: 'boolean', const: true } : { type: 'boolean' };
    case 'single_choice':
      return field.allowOther
        ? { type: 'string', minLength: 1, maxLength: DEFAULT_OTHER_MAX }
        : { type: 'string', enum: field.options.map((option) => option.label) };
    case 'dropdown':
      return { type: 'string', enum: field.options.map((option) => option.label) };
    case 'multiple_choice': {
      const items = field.allowOther
        ? { type: 'string', minLength: 1, maxLength: DEFAULT_OTHER_MAX }
        : { type: 'string', enum: field.options.map((option) => option.label) };
      const min = Math.max(field.min ?? 0, required ? 1 : 0);
      return withBounds(
        { type: 'array', items, uniqueItems: true },
        'minItems',
        min || undefined,
        'maxItems',
        field.max ?? (field.allowOther ? field.options.length + 20 : field.options.length),
      );
    }
    case 'date':
      return { type: 'string', format: field.includeTime ? 'date-time' : 'date' };
    case 'rating':
      return { type: 'integer', minimum: 1, maximum: field.max ?? DEFAULT_RATING_MAX };
    case 'opinion_scale':
      return {
        type: 'integer',
        minimum: field.min ?? DEFAULT_SCALE_MIN,
        maximum: field.max ?? DEFAULT_SCALE_MAX,
      };
    case 'file_upload':
      return {
        type: 'string',
        format: 'data-url',
        maxLength: dataUrlMaxLength(field.maxSizeKb ?? DEFAULT_FILE_MAX_KB),
      };
    case 'statement':
      return { type: 'null' };
    case 'welcome_screen':
    case 'thank_you_screen':
      return undefined;
  }
}

/** The @rjsf uiSchema entry of one field. */
function uiFor(field: Field): Record<string, unknown> {
  const options: Record<string, unknown> = { kind: field.kind };
  const ui: Record<string, unknown> = {};
  if (field.placeholder !== undefined) ui['ui:placeholder'] = field.placeholder;
  switch (field.kind) {
    case 'long_text':
      ui['ui:widget'] = 'textarea';
      break;
    case 'number':
      ui['ui:widget'] = 'updown';
      break;
    case 'email':
      ui['ui:widget'] = 'email';
      break;
    case 'url':
      ui['ui:widget'] = 'uri';
      break;
    case 'phone':
      ui['ui:widget'] = FORM_WIDGETS.phone;
      if (field.defaultCountry) options.defaultCountry = field.defaultCountry;
      break;
    case 'yes_no':
      ui['ui:widget'] = 'radio';
      break;
    case 'legal_consent':
      ui['ui:widget'] = 'checkbox';
      if (field.terms !== undefined) options.terms = field.terms;
      break;
    case 'single_choice':
      if (field.allowOther) {
        ui['ui:widget'] = FORM_WIDGETS.choiceWithOther;
        options.choices = field.options.map((option) => option.label);
      } else ui['ui:widget'] = 'radio';
      if (field.randomize) options.randomize = true;
      break;
    case 'dropdown':
      ui['ui:widget'] = 'select';
      break;
    case 'multiple_choice':
      if (field.allowOther) {
        ui['ui:widget'] = FORM_WIDGETS.checkboxesWithOther;
        options.choices = field.options.map((option) => option.label);
      } else ui['ui:widget'] = 'checkboxes';
      if (field.min !== undefined) options.min = field.min;
      if (field.max !== undefined) options.max = field.max;
      if (field.randomize) options.randomize = true;
      break;
    case 'date':
      ui['ui:widget'] = field.includeTime ? 'datetime' : 'date';
      break;
    case 'rating':
      ui['ui:widget'] = FORM_WIDGETS.rating;
      options.max = field.max ?? DEFAULT_RATING_MAX;
      options.shape = field.shape ?? 'star';
      break;
    case 'opinion_scale':
      ui['ui:widget'] = FORM_WIDGETS.opinionScale;
      options.min = field.min ?? DEFAULT_SCALE_MIN;
      options.max = field.max ?? DEFAULT_SCALE_MAX;
      if (field.minLabel !== undefined) options.minLabel = field.minLabel;
      if (field.maxLabel !== undefined) options.maxLabel = field.maxLabel;
      break;
    case 'file_upload':
      ui['ui:widget'] = 'file';
      if (field.accept !== undefined) options.accept = field.accept;
      options.maxSizeKb = field.maxSizeKb ?? DEFAULT_FILE_MAX_KB;
      break;
    case 'statement':
      ui['ui:widget'] = FORM_WIDGETS.statement;
      if (field.buttonLabel !== undefined) options.buttonLabel = field.buttonLabel;
      break;
    case 'short_text':
    case 'welcome_screen':
    case 'thank_you_screen':
      break;
  }
  ui['ui:options'] = options;
  return ui;
}

/** The JSON Schema of `hiddenFields`: every declared name optional, nothing else. */
export function compileHiddenFields(hiddenFields: readonly HiddenField[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(
      hiddenFields.map((hidden) => [hidden.name, { type: 'string', maxLength: HIDDEN_FIELD_MAX }]),
    ),
    additionalProperties: false,
  };
}

/**
 * Compiles a form to what @rjsf/core renders and ajv validates: a draft-07 JSON Schema of the answers
 * (one property per answerable field and statement, keyed by field id, in order; `required` lists the
 * required ones), its uiSchema (`ui:order`, widgets, placeholders, `ui:options`), and the schema of the
 * hidden fields. Welcome and thank-you screens are not properties (they hold no value); the page shows
 * them from `fields`. Pure and deterministic.
 */
export function compileForm(
  definition: Pick<FormDefinition, 'title' | 'fields' | 'hiddenFields'>,
): CompiledForm {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const uiSchema: Record<string, unknown> = {};
  const order: string[] = [];
  for (const field of definition.fields) {
    const schema = valueSchema(field);
    if (!schema) continue;
    properties[field.id] = {
      ...schema,
      title: field.title,
      ...(field.description !== undefined ? { description: field.description } : {}),
    };
    if (field.required && isAnswerable(field)) required.push(field.id);
    uiSchema[field.id] = uiFor(field);
    order.push(field.id);
  }
  uiSchema['ui:order'] = order;
  return {
    jsonSchema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      title: definition.title,
      properties,
      required,
      additionalProperties: false,
    },
    uiSchema,
    hiddenFieldsSchema: compileHiddenFields(definition.hiddenFields),
  };
}
