import { descriptionId, errorId } from '@rjsf/utils';
import type { FieldTemplateProps } from '@rjsf/utils';
import { GROUP_KINDS, kindOf } from './kind-of.ts';
import { RequiredMark } from './RequiredMark.tsx';

/**
 * One question: its title as the label (a legend for groups of options), the description, the input,
 * and the error under it. Inputs point at the description and error through aria-describedby
 * (@rjsf's `ariaDescribedByIds`), so screen readers read them with the question.
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, required, rawErrors, rawDescription, children, hidden, uiSchema, fieldPathId } = props;
  // The root object only holds the questions.
  if (fieldPathId.path.length === 0) return children;
  if (hidden) return <div hidden>{children}</div>;

  const kind = kindOf(uiSchema);
  const errors = [...new Set(rawErrors ?? [])];
  const description = rawDescription ? (
    <p id={descriptionId(id)} className="pf-question__description">
      {rawDescription}
    </p>
  ) : null;
  const error =
    errors.length > 0 ? (
      <p id={errorId(id)} className="ui-field__error pf-question__error">
        {errors.join(' ')}
      </p>
    ) : null;

  if (kind === 'statement') {
    return (
      <div className="pf-statement">
        <h2 className="pf-statement__title">{label}</h2>
        {description}
        {children}
      </div>
    );
  }
  if (kind === 'legal_consent') {
    // The checkbox's own label is the title; the terms come above it as the description.
    return (
      <div className="pf-question">
        {description}
        {children}
        {error}
      </div>
    );
  }
  if (kind && GROUP_KINDS.has(kind)) {
    return (
      <fieldset className="pf-question pf-question--group" aria-invalid={errors.length > 0 || undefined}>
        <legend className="pf-question__title">
          {label}
          {required && <RequiredMark />}
        </legend>
        {description}
        {children}
        {error}
      </fieldset>
    );
  }
  return (
    <div className="pf-question">
      <label className="pf-question__title" htmlFor={id}>
        {label}
        {required && <RequiredMark />}
      </label>
      {description}
      {children}
      {error}
    </div>
  );
}
