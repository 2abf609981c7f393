import { useId } from 'react';
import type { InputHTMLAttributes, Ref } from 'react';
import { fieldDescription } from './field-description.ts';

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'children'> {
  label: string;
  hint?: string;
  error?: string;
  ref?: Ref<HTMLInputElement>;
}

export function Checkbox({ label, hint, error, id, className, ...rest }: CheckboxProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const { hintId, errorId, describedBy } = fieldDescription(inputId, hint, error);
  return (
    <div className={className ? `ui-checkbox ${className}` : 'ui-checkbox'}>
      <input
        {...rest}
        id={inputId}
        type="checkbox"
        className="ui-checkbox__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <div className="ui-checkbox__text">
        <label className="ui-checkbox__label" htmlFor={inputId}>
          {label}
        </label>
        {hint && (
          <p id={hintId} className="ui-field__hint">
            {hint}
          </p>
        )}
        {error && (
          <p id={errorId} className="ui-field__error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
