import { z } from 'zod';

/**
 * Schemas the editor's generated form shows as one text field although they accept more. @rjsf draws
 * a union (`anyOf`, or a list of types) as a choice between sub-forms or not at all, and a typed value
 * needs no such choice: the domain reads "100" as the number it is where it compares numbers.
 */
const textFields = z.registry<{ maxLength: number }>();

/** Marks `schema` to be drawn as a text field of at most `maxLength` characters. */
export function shownAsText<Schema extends z.ZodType>(schema: Schema, maxLength: number): Schema {
  textFields.add(schema, { maxLength });
  return schema;
}

/**
 * The `override` of `z.toJSONSchema` that writes the marked schemas as plain strings. Title and
 * description are kept; the union's own keywords go.
 */
export function textFieldsAsStrings(context: {
  zodSchema: unknown;
  jsonSchema: Record<string, unknown>;
}): void {
  const field = textFields.get(context.zodSchema as z.ZodType);
  if (!field) return;
  for (const key of Object.keys(context.jsonSchema)) {
    if (key !== 'title' && key !== 'description') delete context.jsonSchema[key];
  }
  Object.assign(context.jsonSchema, { type: 'string', maxLength: field.maxLength });
}
