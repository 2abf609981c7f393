import type { Field } from '../contracts/index.ts';
import { isAnswerable } from './compile-form.ts';
import { answerText } from './csv.ts';

export interface NotificationInput {
  formTitle: string;
  fields: readonly Field[];
  answers: Readonly<Record<string, unknown>>;
  hiddenFields: Readonly<Record<string, string>>;
  submittedAt: string;
  /** Where the submission can be read in the suite. */
  link: string;
}

/** The plain-text e-mail telling the form's owners about a new submission. */
export function notificationEmail(input: NotificationInput): { subject: string; text: string } {
  const lines = [`New response to "${input.formTitle}" (${input.submittedAt})`, ''];
  for (const field of input.fields) {
    if (!isAnswerable(field) || field.kind === 'statement' || !(field.id in input.answers)) continue;
    const title = field.title.trim() || field.id;
    lines.push(`${title}:`, `  ${answerText(field, input.answers[field.id]).replaceAll('\n', '\n  ')}`, '');
  }
  const hidden = Object.entries(input.hiddenFields);
  if (hidden.length > 0) {
    lines.push('Hidden fields:');
    for (const [name, value] of hidden) lines.push(`  ${name}: ${value}`);
    lines.push('');
  }
  lines.push(`See it in Orchestrator: ${input.link}`);
  const subject = `New response: ${input.formTitle}`.slice(0, 200);
  return { subject, text: lines.join('\n') };
}

/** Words of a submission for full-text search: answers (files by name) and hidden field values. */
export function searchTextOf(
  fields: readonly Field[],
  answers: Readonly<Record<string, unknown>>,
  hiddenFields: Readonly<Record<string, string>>,
): string {
  const byId = new Map(fields.map((field) => [field.id, field]));
  const parts = Object.entries(answers).map(([id, value]) => answerText(byId.get(id), value));
  parts.push(...Object.values(hiddenFields));
  return parts.join(' ').slice(0, 100_000);
}
