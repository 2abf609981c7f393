import type { RJSFValidationError } from '@rjsf/utils';
import type { Field } from '../../contracts/index.ts';

/** The server words its errors as the end of a sentence ("is required"); this makes them sentences. */
export function sentence(message: string): string {
  const text = message.trim();
  if (/^(is|must|should|has|was)\b/.test(text)) return `This answer ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function kindMessage(field: Field, error: RJSFValidationError): string | undefined {
  if (error.name === 'required' || (error.name === 'minLength' && error.params?.limit === 1)) {
    if (field.kind === 'legal_consent') return 'Please accept to continue';
    if (field.kind === 'file_upload') return 'Please choose a file';
    if (['single_choice', 'dropdown', 'yes_no', 'rating', 'opinion_scale'].includes(field.kind)) {
      return 'Please choose an answer';
    }
    return 'This field is required';
  }
  if (error.name !== 'format' && error.name !== 'pattern') return undefined;
  switch (field.kind) {
    case 'email':
      return 'Enter a valid e-mail address, like name@company.com';
    case 'url':
      return 'Enter a web address starting with http:// or https://';
    case 'phone':
      return 'Enter a valid phone number, like +44 20 7946 0958';
    case 'date':
      return field.includeTime ? 'Enter a valid date and time' : 'Enter a valid date';
    default:
      return undefined;
  }
}

function fieldIdOf(property: string | undefined): string | undefined {
  return property?.replace(/^\./, '').split('.')[0];
}

/**
 * Words the checker's errors for respondents, per field kind, and keeps one message per field (the
 * first: the most basic problem), like the server does.
 */
export function respondentErrors(fieldsById: ReadonlyMap<string, Field>) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] => {
    const seen = new Set<string>();
    const kept: RJSFValidationError[] = [];
    for (const error of errors) {
      const id = fieldIdOf(error.property);
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      const field = fieldsById.get(id);
      const message = (field && kindMessage(field, error)) ?? error.message ?? 'This answer is not valid';
      kept.push({ ...error, property: `.${id}`, message, stack: message });
    }
    return kept;
  };
}
