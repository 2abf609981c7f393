import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { formErrorsFromProblem, isApiProblem } from '@orchestrator/shared/api-client';
import type { ApiProblem } from '@orchestrator/shared/api-client';

export interface AuthFormState<Field extends string> {
  values: Record<Field, string>;
  fieldErrors: Partial<Record<Field, string>>;
  /** A problem that belongs to no single field, e.g. "Wrong e-mail or password". */
  formError: { title: string; detail?: string } | null;
  submitting: boolean;
  setValue: (field: Field, value: string) => void;
  /** Registers an input so the first invalid one gets focus after a failed submit. */
  inputRef: (field: Field) => (element: HTMLInputElement | null) => void;
  handleSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

/**
 * State of a sign-in/sign-up form. The server validates (one set of rules, the zod contracts); its
 * problem+json answer is spread over the fields, and focus moves to the first field that needs fixing.
 */
export function useAuthForm<Field extends string>(
  fields: readonly Field[],
  submit: (values: Record<Field, string>) => Promise<void>,
  /** Turns a problem without field errors into a field error (e.g. 409 → the e-mail field), or null. */
  fieldForProblem: (problem: ApiProblem) => Field | null = () => null,
): AuthFormState<Field> {
  const [values, setValues] = useState(
    () => Object.fromEntries(fields.map((f) => [f, ''])) as Record<Field, string>,
  );
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<AuthFormState<Field>['formError']>(null);
  const [submitting, setSubmitting] = useState(false);
  const inputs = useRef(new Map<Field, HTMLInputElement>());

  useEffect(() => {
    const firstInvalid = fields.find((field) => fieldErrors[field] !== undefined);
    if (firstInvalid) inputs.current.get(firstInvalid)?.focus();
  }, [fieldErrors, fields]);

  function setValue(field: Field, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
  }

  function inputRef(field: Field) {
    return (element: HTMLInputElement | null) => {
      if (element) inputs.current.set(field, element);
      else inputs.current.delete(field);
    };
  }

  function showProblem(problem: ApiProblem) {
    const { byField, other } = formErrorsFromProblem(problem, fields);
    const fallbackField = Object.keys(byField).length === 0 ? fieldForProblem(problem) : null;
    if (fallbackField) byField[fallbackField] = problem.detail ?? problem.title;
    setFieldErrors(byField);
    if (other.length > 0) setFormError({ title: problem.title, detail: other.join(' ') });
    else if (Object.keys(byField).length === 0)
      setFormError({ title: problem.title, detail: problem.detail });
    else setFormError(null);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setFormError(null);
    submit(values)
      .then(() => setFieldErrors({}))
      .catch((error: unknown) => {
        if (isApiProblem(error)) showProblem(error);
        else setFormError({ title: 'Something went wrong', detail: String(error) });
      })
      .finally(() => setSubmitting(false));
  }

  return { values, fieldErrors, formError, submitting, setValue, inputRef, handleSubmit };
}
