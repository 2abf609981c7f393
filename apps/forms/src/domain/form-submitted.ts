import { createHash } from 'node:crypto';
import type { Field, FormDefinition } from '../contracts/index.ts';
import { FORM_SUBMITTED_EVENT, type FormSubmittedMessage } from '../events.ts';
import { isAnswerable } from './compile-form.ts';
import { answerText } from './csv.ts';

/** Long texts are cut in CDP events (the CDP takes 32 KB a message); the submission keeps them whole. */
export const CDP_TEXT_LIMIT = 1000;
/** Above this size the message drops `answersById`, then cuts texts harder, then the answers. */
export const CDP_MESSAGE_BUDGET = 24 * 1024;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function cdpValue(field: Field, value: unknown): unknown {
  if (field.kind === 'file_upload') return answerText(field, value);
  if (typeof value === 'string' && value.length > CDP_TEXT_LIMIT) return `${value.slice(0, CDP_TEXT_LIMIT)}…`;
  return value;
}

/** The first e-mail and phone answers in field order (only answered, i.e. reached, fields are present). */
export function contactOf(
  fields: readonly Field[],
  answers: Readonly<Record<string, unknown>>,
): { email?: string; phone?: string } {
  const email = fields.find((field) => field.kind === 'email' && typeof answers[field.id] === 'string');
  const phone = fields.find((field) => field.kind === 'phone' && typeof answers[field.id] === 'string');
  return {
    ...(email ? { email: String(answers[email.id]).trim() } : {}),
    ...(phone ? { phone: String(answers[phone.id]).trim() } : {}),
  };
}

/** Answers keyed by title, falling back to the id when a title is empty or used twice. */
export function answersByTitle(
  fields: readonly Field[],
  answers: Readonly<Record<string, unknown>>,
  value: (field: Field, answer: unknown) => unknown = (_field, answer) => answer,
): Record<string, unknown> {
  const titleCount = new Map<string, number>();
  for (const field of fields) {
    const title = field.title.trim();
    if (title) titleCount.set(title, (titleCount.get(title) ?? 0) + 1);
  }
  const byTitle: Record<string, unknown> = {};
  for (const field of fields) {
    if (!isAnswerable(field) || !(field.id in answers)) continue;
    const title = field.title.trim();
    const key = title && titleCount.get(title) === 1 ? title : field.id;
    byTitle[key] = value(field, answers[field.id]);
  }
  return byTitle;
}

export interface SubmittedForm {
  formId: string;
  version: number;
  definition: Pick<FormDefinition, 'title' | 'fields'>;
  submissionId: string;
  answers: Readonly<Record<string, unknown>>;
  hiddenFields: Readonly<Record<string, string>>;
  submittedAt: string;
}

/** The CDP `track` message "Form Submitted" of one submission (see `FormSubmittedMessageSchema`). */
export function formSubmittedMessage(
  submission: SubmittedForm,
  libraryVersion = '0.1.0',
): FormSubmittedMessage {
  const { fields, title } = submission.definition;
  const contact = contactOf(fields, submission.answers);
  const anonymousId = contact.email
    ? `form-email:${sha256(contact.email.toLowerCase())}`
    : contact.phone
      ? `form-phone:${sha256(contact.phone.replace(/[^\d+]/g, ''))}`
      : `form-submission:${submission.submissionId}`;
  const answersById: Record<string, unknown> = {};
  for (const field of fields) {
    if (isAnswerable(field) && field.id in submission.answers) {
      answersById[field.id] = cdpValue(field, submission.answers[field.id]);
    }
  }
  const message: FormSubmittedMessage = {
    type: 'track',
    event: FORM_SUBMITTED_EVENT,
    messageId: `form-submission:${submission.submissionId}`,
    anonymousId,
    properties: {
      formId: submission.formId,
      formTitle: title,
      version: submission.version,
      submissionId: submission.submissionId,
      answers: answersByTitle(fields, submission.answers, cdpValue),
      answersById,
      hiddenFields: { ...submission.hiddenFields },
      ...contact,
    },
    context: {
      traits: { ...contact },
      library: { name: 'orchestrator-forms', version: libraryVersion },
    },
    timestamp: submission.submittedAt,
  };
  return withinBudget(message, fields, submission.answers);
}

const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** Keeps a message under the CDP's size limit, shedding the least useful parts first. */
function withinBudget(
  message: FormSubmittedMessage,
  fields: readonly Field[],
  answers: Readonly<Record<string, unknown>>,
): FormSubmittedMessage {
  if (sizeOf(message) <= CDP_MESSAGE_BUDGET) return message;
  const properties = { ...message.properties, answersById: {}, truncated: true };
  let smaller: FormSubmittedMessage = { ...message, properties };
  if (sizeOf(smaller) <= CDP_MESSAGE_BUDGET) return smaller;
  const short = (field: Field, value: unknown) => {
    const text = cdpValue(field, value);
    return typeof text === 'string' && text.length > 100 ? `${text.slice(0, 100)}…` : text;
  };
  smaller = { ...smaller, properties: { ...properties, answers: answersByTitle(fields, answers, short) } };
  if (sizeOf(smaller) <= CDP_MESSAGE_BUDGET) return smaller;
  return { ...smaller, properties: { ...properties, answers: {} } };
}
