import type { RJSFSchema, UiSchema } from '@rjsf/utils';

/**
 * The compiled schema cut down to the fields on screen: the ones the respondent reaches (logic), or the
 * one question of this step. @rjsf renders and checks only these, so a skipped required field never
 * blocks the respondent. `required` keeps only shown fields; `ui:order` follows the given order.
 */
export function visibleSchema(
  jsonSchema: Record<string, unknown>,
  uiSchema: Record<string, unknown>,
  ids: readonly string[],
): { schema: RJSFSchema; uiSchema: UiSchema } {
  const properties = (jsonSchema.properties ?? {}) as Record<string, unknown>;
  const shown = ids.filter((id) => id in properties);
  const required = Array.isArray(jsonSchema.required) ? (jsonSchema.required as string[]) : [];
  return {
    schema: {
      type: 'object',
      properties: Object.fromEntries(shown.map((id) => [id, properties[id]])) as RJSFSchema['properties'],
      required: required.filter((id) => shown.includes(id)),
    },
    uiSchema: { ...uiSchema, 'ui:order': shown },
  };
}
