import { toErrorSchema } from '@rjsf/utils';
import type { RJSFSchema, RJSFValidationError, ValidationData, ValidatorType } from '@rjsf/utils';

type Config = Record<string, unknown>;
type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let at: unknown = root;
  for (const part of ref.slice(2).split('/')) at = isSchema(at) ? at[part] : undefined;
  return isSchema(at) ? at : {};
}

/**
 * Does `value` fit `schema` by its shape: type, const, enum, required and properties, through $ref,
 * anyOf and oneOf. Enough for @rjsf to pick which option of a union a config is; the config's real
 * check is the node type's zod schema (validateGraph), whose problems the panel shows.
 */
export function fitsShape(
  schema: unknown,
  value: unknown,
  root: Schema = isSchema(schema) ? schema : {},
): boolean {
  if (!isSchema(schema)) return true;
  const resolved = resolve(schema, root);
  if ('const' in resolved && JSON.stringify(resolved.const) !== JSON.stringify(value)) return false;
  if (
    Array.isArray(resolved.enum) &&
    !resolved.enum.some((item) => JSON.stringify(item) === JSON.stringify(value))
  )
    return false;
  const type = resolved.type;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    const actual = typeOf(value);
    if (!types.some((item) => item === actual || (item === 'number' && actual === 'integer'))) return false;
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = resolved[key];
    if (Array.isArray(options) && !options.some((option) => fitsShape(option, value, root))) return false;
  }
  if (isSchema(value) && typeOf(value) === 'object') {
    if (Array.isArray(resolved.required) && resolved.required.some((name) => !(String(name) in value)))
      return false;
    if (isSchema(resolved.properties)) {
      for (const [name, property] of Object.entries(resolved.properties)) {
        if (name in value && !fitsShape(property, value[name], root)) return false;
      }
    }
  }
  return true;
}

/**
 * The @rjsf validator of the node config panel. @rjsf/validator-ajv8 compiles schemas with
 * `new Function`, which the suite's Content-Security-Policy refuses; so this one never reports errors
 * of its own (the panel shows the validator's problems as extra errors) and matches union options by
 * shape.
 */
class NodeConfigValidator implements ValidatorType<Config, RJSFSchema> {
  validateFormData(): ValidationData<Config> {
    const errors: RJSFValidationError[] = [];
    return { errors, errorSchema: toErrorSchema<Config>(errors) };
  }

  isValid(schema: RJSFSchema, formData: Config | undefined, rootSchema: RJSFSchema): boolean {
    return fitsShape(schema, formData, rootSchema as Schema);
  }

  rawValidation<Result = unknown>(): { errors?: Result[] } {
    return { errors: [] };
  }
}

export const nodeConfigValidator = new NodeConfigValidator();
