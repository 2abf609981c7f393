/**
 * A small JSON Schema (draft-07) checker for the schemas the server compiles forms to. It needs no code
 * generation: the suite's Content-Security-Policy forbids `eval`/`new Function`, which ajv relies on, so
 * the page checks answers with this and the server re-validates every submission with ajv.
 *
 * Supported keywords: type, enum, const, required, properties, items, min/maxLength, pattern, format
 * (email, uri, date, date-time, data-url), minimum, maximum, exclusiveMinimum/Maximum, multipleOf,
 * min/maxItems, uniqueItems, anyOf, oneOf, allOf, not. Unknown keywords are ignored.
 */

export interface SchemaIssue {
  /** Where, as an rjsf property path: `.fieldId` or `.fieldId.0`. */
  property: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
  schemaPath: string;
}

type Schema = Record<string, unknown>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i;
const DATA_URL = /^data:[^,]*,/;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  return actual === type;
}

function isValidDate(text: string): boolean {
  return !Number.isNaN(Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text));
}

function checkFormat(format: string, value: string): boolean {
  switch (format) {
    case 'email':
      return EMAIL.test(value);
    case 'uri':
    case 'url':
      try {
        return Boolean(new URL(value).protocol);
      } catch {
        return false;
      }
    case 'date':
      return DATE.test(value) && isValidDate(value);
    case 'date-time':
      return DATE_TIME.test(value) && isValidDate(value);
    case 'data-url':
      return DATA_URL.test(value);
    default:
      return true;
  }
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function count(n: unknown, one: string, many: string): string {
  return `${String(n)} ${n === 1 ? one : many}`;
}

/** Checks `value` against `schema`, appending what is wrong to `issues`. */
function check(schema: unknown, value: unknown, property: string, schemaPath: string, issues: SchemaIssue[]) {
  if (!isSchema(schema)) return;
  const add = (keyword: string, message: string, params: Record<string, unknown> = {}) =>
    issues.push({ property, keyword, message, params, schemaPath: `${schemaPath}/${keyword}` });

  if (value === undefined) return;

  const types = schema.type === undefined ? [] : ([] as unknown[]).concat(schema.type);
  if (types.length > 0 && !types.some((type) => typeof type === 'string' && matchesType(value, type))) {
    const wanted = types.join(' or ');
    const message =
      wanted === 'integer'
        ? 'Enter a whole number'
        : wanted === 'number'
          ? 'Enter a number'
          : `Must be ${wanted}`;
    add('type', message, { type: wanted });
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => equal(option, value))) {
    add('enum', 'Choose one of the options', { allowedValues: schema.enum });
  }
  if ('const' in schema && !equal(schema.const, value)) {
    add('const', schema.const === true ? 'Please tick this box to continue' : 'This value is not allowed', {
      allowedValue: schema.const,
    });
  }

  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      add(
        'minLength',
        schema.minLength === 1
          ? 'This field is required'
          : `Enter at least ${count(schema.minLength, 'character', 'characters')}`,
        { limit: schema.minLength },
      );
    }
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      add('maxLength', `Enter at most ${count(schema.maxLength, 'character', 'characters')}`, {
        limit: schema.maxLength,
      });
    }
    if (typeof schema.pattern === 'string') {
      let ok: boolean;
      try {
        ok = new RegExp(schema.pattern, 'u').test(value);
      } catch {
        // A pattern this browser cannot compile is left to the server.
        ok = true;
      }
      if (!ok) add('pattern', 'Enter a valid value', { pattern: schema.pattern });
    }
    if (typeof schema.format === 'string' && !checkFormat(schema.format, value)) {
      const messages: Record<string, string> = {
        email: 'Enter a valid e-mail address, like name@company.com',
        uri: 'Enter a valid web address, like https://company.com',
        url: 'Enter a valid web address, like https://company.com',
        date: 'Enter a valid date',
        'date-time': 'Enter a valid date and time',
        'data-url': 'Choose a file',
      };
      add('format', messages[schema.format] ?? `Must be a valid ${schema.format}`, { format: schema.format });
    }
  }

  if (typeof value === 'number') {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
    const range =
      typeof minimum === 'number' && typeof maximum === 'number'
        ? `Enter a number from ${minimum} to ${maximum}`
        : undefined;
    if (typeof minimum === 'number' && value < minimum) {
      add('minimum', range ?? `Enter a number of at least ${minimum}`, { limit: minimum });
    }
    if (typeof maximum === 'number' && value > maximum) {
      add('maximum', range ?? `Enter a number of at most ${maximum}`, { limit: maximum });
    }
    if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) {
      add('exclusiveMinimum', `Enter a number above ${exclusiveMinimum}`, { limit: exclusiveMinimum });
    }
    if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) {
      add('exclusiveMaximum', `Enter a number below ${exclusiveMaximum}`, { limit: exclusiveMaximum });
    }
    if (typeof multipleOf === 'number' && multipleOf > 0 && !Number.isInteger(value / multipleOf)) {
      add('multipleOf', `Enter a multiple of ${multipleOf}`, { multipleOf });
    }
  }

  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      add(
        'minItems',
        schema.minItems === 1 ? 'Choose at least one option' : `Choose at least ${schema.minItems} options`,
        { limit: schema.minItems },
      );
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      add('maxItems', `Choose at most ${count(schema.maxItems, 'option', 'options')}`, {
        limit: schema.maxItems,
      });
    }
    if (
      schema.uniqueItems === true &&
      new Set(value.map((item) => JSON.stringify(item))).size !== value.length
    ) {
      add('uniqueItems', 'Choose each option only once');
    }
    if (isSchema(schema.items)) {
      value.forEach((item, index) =>
        check(schema.items, item, `${property}.${index}`, `${schemaPath}/items`, issues),
      );
    }
  }

  if (isSchema(value)) {
    if (Array.isArray(schema.required)) {
      for (const name of schema.required) {
        if (typeof name !== 'string') continue;
        const present = value[name];
        if (
          present === undefined ||
          present === null ||
          present === '' ||
          (Array.isArray(present) && present.length === 0)
        ) {
          issues.push({
            property: `${property}.${name}`,
            keyword: 'required',
            message: 'This field is required',
            params: { missingProperty: name },
            schemaPath: `${schemaPath}/required`,
          });
        }
      }
    }
    if (isSchema(schema.properties)) {
      for (const [name, propertySchema] of Object.entries(schema.properties)) {
        const present = value[name];
        // Empty answers of optional fields are no answers: they pass.
        if (present === null || present === '' || (Array.isArray(present) && present.length === 0)) continue;
        check(propertySchema, present, `${property}.${name}`, `${schemaPath}/properties/${name}`, issues);
      }
    }
  }

  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((part, index) =>
      check(part, value, property, `${schemaPath}/allOf/${index}`, issues),
    );
  }
  const passing = (options: unknown[]) =>
    options.filter((option) => checkSchema(option, value).length === 0).length;
  if (Array.isArray(schema.anyOf) && passing(schema.anyOf) === 0) add('anyOf', 'Enter a valid value');
  if (Array.isArray(schema.oneOf) && passing(schema.oneOf) !== 1) add('oneOf', 'Enter a valid value');
  if (schema.not !== undefined && checkSchema(schema.not, value).length === 0)
    add('not', 'This value is not allowed');
}

/** Everything wrong with `value` for `schema`; an empty list means it is valid. */
export function checkSchema(schema: unknown, value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(schema, value, '', '#', issues);
  return issues;
}
