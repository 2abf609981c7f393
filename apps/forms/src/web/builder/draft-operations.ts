import type { Field, FieldKind, FormDefinition, LogicRule } from '../../contracts/index.ts';
import { insertIndex, newField, newFieldId, newOptionId } from './field-kinds.ts';

/** Pure edits of the builder's draft; each returns the new draft (and what to select). */

export function addField(
  draft: FormDefinition,
  kind: FieldKind,
  selectedId: string | undefined,
): { draft: FormDefinition; fieldId: string } {
  const id = newFieldId(kind, new Set(draft.fields.map((field) => field.id)));
  const selectedIndex = draft.fields.findIndex((field) => field.id === selectedId);
  const at = insertIndex(draft.fields, kind, selectedIndex === -1 ? undefined : selectedIndex);
  const fields = [...draft.fields];
  fields.splice(at, 0, newField(kind, id));
  return { draft: { ...draft, fields }, fieldId: id };
}

export function moveField(draft: FormDefinition, from: number, to: number): FormDefinition {
  const fields = [...draft.fields];
  const [moved] = fields.splice(from, 1);
  fields.splice(to, 0, moved!);
  return { ...draft, fields };
}

export function replaceField(draft: FormDefinition, field: Field): FormDefinition {
  return { ...draft, fields: draft.fields.map((old) => (old.id === field.id ? field : old)) };
}

/** Removes a field and the rules that belong to it; rules jumping to it stay, marked for fixing. */
export function removeField(
  draft: FormDefinition,
  fieldId: string,
): { draft: FormDefinition; nextSelection?: string } {
  const index = draft.fields.findIndex((field) => field.id === fieldId);
  const fields = draft.fields.filter((field) => field.id !== fieldId);
  const logic = draft.logic.filter((rule) => rule.fieldId !== fieldId);
  return { draft: { ...draft, fields, logic }, nextSelection: (fields[index] ?? fields[index - 1])?.id };
}

export function duplicateField(
  draft: FormDefinition,
  fieldId: string,
): { draft: FormDefinition; fieldId?: string } {
  const index = draft.fields.findIndex((field) => field.id === fieldId);
  const original = draft.fields[index];
  if (!original) return { draft };
  const id = newFieldId(original.kind, new Set(draft.fields.map((field) => field.id)));
  const copy = {
    ...original,
    id,
    title: original.title ? `${original.title} (copy)` : original.title,
    ...('options' in original
      ? { options: original.options.map((option) => ({ ...option, id: newOptionId() })) }
      : {}),
  } as Field;
  const fields = [...draft.fields];
  fields.splice(index + 1, 0, copy);
  return { draft: { ...draft, fields }, fieldId: id };
}

/** Replaces the rules of one field, keeping every other field's rules as they were. */
export function setFieldRules(draft: FormDefinition, fieldId: string, rules: LogicRule[]): FormDefinition {
  return { ...draft, logic: [...draft.logic.filter((rule) => rule.fieldId !== fieldId), ...rules] };
}
