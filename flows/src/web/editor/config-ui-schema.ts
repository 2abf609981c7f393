import type { UiSchema } from '@rjsf/utils';

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const LONG_TEXT_KEYS = new Set(['text', 'html', 'prompt', 'body', 'bodyTemplate', 'instructions']);
const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let at: unknown = root;
  for (const part of ref.slice(2).split('/')) at = isSchema(at) ? at[part] : undefined;
  return isSchema(at) ? at : schema;
}

/**
 * How the config form lays out a node type's schema: long texts as text areas, list items of plain
 * values without a label of their own ("Add tags-1"), and lists not reorderable (order rarely matters
 * in a config, and the arrows crowd a narrow panel).
 */
export function configUiSchemaOf(schema: Schema, root: Schema = schema, depth = 0): UiSchema {
  const ui: UiSchema = {};
  const resolved = resolve(schema, root);
  if (!isSchema(resolved.properties) || depth > 4) return ui;
  for (const [key, raw] of Object.entries(resolved.properties)) {
    if (!isSchema(raw)) continue;
    const property = resolve(raw, root);
    if (property.type === 'string' && LONG_TEXT_KEYS.has(key)) {
      ui[key] = { 'ui:widget': 'textarea', 'ui:options': { rows: key === 'text' ? 6 : 4 } };
    } else if (property.type === 'array' && isSchema(property.items)) {
      const items = resolve(property.items, root);
      const itemUi = PRIMITIVE_TYPES.has(String(items.type))
        ? { 'ui:label': false }
        : configUiSchemaOf(items, root, depth + 1);
      ui[key] = { 'ui:options': { orderable: false }, items: itemUi };
    } else if (property.type === 'object') {
      ui[key] = configUiSchemaOf(property, root, depth + 1);
    }
  }
  return ui;
}
