import { isScreenKind } from '../../contracts/index.ts';
import type { Field, Form, PublishedVersion } from '../../contracts/index.ts';

export interface AnswerColumn {
  /** `answers.<fieldId>`: also the server's sort key. */
  id: string;
  fieldId: string;
  title: string;
  field: Field;
}

export interface HiddenColumn {
  /** `hiddenFields.<name>`: also the server's sort key. */
  id: string;
  name: string;
}

/**
 * The table's columns: every answerable field and hidden field of every published version (newest title
 * wins), then any of the draft's not yet published. Answers to a field deleted later still show.
 */
export function columnsOf(
  form: Form,
  versions: readonly PublishedVersion[],
): { answers: AnswerColumn[]; hidden: HiddenColumn[] } {
  const definitions = [
    ...[...versions].sort((a, b) => b.version - a.version).map((version) => version.definition),
  ];
  if (definitions.length === 0) definitions.push(form);
  const byId = new Map<string, Field>();
  const order: string[] = [];
  const hidden = new Set<string>();
  // Oldest first for the order (new fields come after), newest first for the titles.
  for (const definition of [...definitions].reverse()) {
    for (const field of definition.fields) {
      if (isScreenKind(field.kind)) continue;
      if (!byId.has(field.id)) order.push(field.id);
      byId.set(field.id, field);
    }
    for (const { name } of definition.hiddenFields) hidden.add(name);
  }
  return {
    answers: order.map((fieldId) => {
      const field = byId.get(fieldId)!;
      return { id: `answers.${fieldId}`, fieldId, title: field.title.trim() || fieldId, field };
    }),
    hidden: [...hidden].map((name) => ({ id: `hiddenFields.${name}`, name })),
  };
}
