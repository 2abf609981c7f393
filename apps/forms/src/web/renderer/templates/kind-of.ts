import type { UiSchema } from '@rjsf/utils';
import type { FieldKind } from '../../../contracts/index.ts';

/** The field kind the compiler notes in every field's `ui:options.kind`. */
export function kindOf(uiSchema: UiSchema | undefined): FieldKind | undefined {
  const options = uiSchema?.['ui:options'] as { kind?: FieldKind } | undefined;
  return options?.kind;
}

/** Kinds whose widget is a group of inputs: labelled by a fieldset's legend, not a <label>. */
export const GROUP_KINDS: ReadonlySet<FieldKind> = new Set([
  'yes_no',
  'single_choice',
  'multiple_choice',
  'rating',
  'opinion_scale',
]);
