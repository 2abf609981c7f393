import { isApiProblem } from '@orchestrator/shared/api-client';
import type { SaveFailure } from '@orchestrator/shared/ui';
import type { FormDefinition } from '../../contracts/index.ts';

/** A refused save's messages, attached to what they are about in the builder. */
export interface DraftErrors {
  title?: string;
  /** By field id, then by property (`title`, `options`, `min`…). */
  fields: Record<string, Record<string, string>>;
  /** By rule id: the server's message naming the rule (e.g. a backward jump). */
  rules: Record<string, string>;
  /** By hidden field index. */
  hiddenFields: Record<number, string>;
  /** By setting path, e.g. `theme.logoUrl`, `notifyEmails`. */
  settings: Record<string, string>;
  /** Messages that belong to nothing shown, or the failure itself (network, 500). */
  other: string[];
}

export const NO_ERRORS: DraftErrors = { fields: {}, rules: {}, hiddenFields: {}, settings: {}, other: [] };

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Maps `errors[].field` (`fields.2.options.0.label`, `logic.1.action.to`…) to the draft that was sent. */
export function draftErrorsOf(failure: SaveFailure<FormDefinition> | undefined): DraftErrors {
  if (!failure) return NO_ERRORS;
  const { error, draft } = failure;
  const result: DraftErrors = { fields: {}, rules: {}, hiddenFields: {}, settings: {}, other: [] };
  if (!isApiProblem(error)) {
    result.other.push('The draft could not be saved. Check your connection; the next change tries again.');
    return result;
  }
  if (error.errors.length === 0) {
    result.other.push(error.detail ?? error.title);
    return result;
  }
  for (const { field, message } of error.errors) {
    const path = field.replace(/^body\./, '').split('.');
    const text = capitalise(message);
    const [root, index, ...rest] = path;
    if (root === 'title') {
      result.title ??= text;
    } else if (root === 'fields' && index !== undefined && draft.fields[Number(index)]) {
      const id = draft.fields[Number(index)]!.id;
      const key = rest[0] ?? 'field';
      result.fields[id] = { ...result.fields[id], [key]: result.fields[id]?.[key] ?? text };
    } else if (root === 'logic' && index !== undefined && draft.logic[Number(index)]) {
      const id = draft.logic[Number(index)]!.id;
      result.rules[id] ??= text;
    } else if (root === 'hiddenFields' && index !== undefined) {
      result.hiddenFields[Number(index)] ??= text;
    } else if (root === 'settings' && index !== undefined) {
      const key = [index, ...rest].filter((part) => !/^\d+$/.test(part)).join('.');
      result.settings[key] ??= text;
    } else {
      result.other.push(`${path.join('.')}: ${message}`);
    }
  }
  return result;
}

/** How many problems the draft has, for the save indicator. */
export function countDraftErrors(errors: DraftErrors): number {
  return (
    (errors.title ? 1 : 0) +
    Object.values(errors.fields).reduce((sum, byKey) => sum + Object.keys(byKey).length, 0) +
    Object.keys(errors.rules).length +
    Object.keys(errors.hiddenFields).length +
    Object.keys(errors.settings).length +
    errors.other.length
  );
}
