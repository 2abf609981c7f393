import { ariaDescribedByIds } from '@rjsf/utils';
import type { WidgetProps } from '@rjsf/utils';
import { RequiredMark } from '../templates/RequiredMark.tsx';

/** Legal consent: the terms (if any) in a scrollable box, and a check box labelled with the field's title. */
export function ConsentWidget({
  id,
  htmlName,
  options,
  value,
  label,
  required,
  onChange,
  disabled,
  readonly,
  rawErrors,
  autofocus,
}: WidgetProps) {
  const terms = typeof options.terms === 'string' ? options.terms.trim() : '';
  const termsId = `${id}__terms`;
  return (
    <div className="pf-consent">
      {terms && (
        // Long terms scroll; the box takes focus so keyboard users can scroll it too.
        <div id={termsId} className="pf-consent__terms" tabIndex={0} role="region" aria-label="Terms">
          {terms}
        </div>
      )}
      <label className="pf-consent__label">
        <input
          id={id}
          name={htmlName || id}
          type="checkbox"
          className="pf-consent__input"
          checked={value === true}
          disabled={disabled || readonly}
          autoFocus={autofocus}
          aria-required={required || undefined}
          aria-invalid={rawErrors?.length ? true : undefined}
          aria-describedby={`${ariaDescribedByIds(id)}${terms ? ` ${termsId}` : ''}`}
          onChange={(event) => onChange(event.target.checked ? true : required ? undefined : false)}
        />
        <span>
          {label}
          {required && <RequiredMark />}
        </span>
      </label>
    </div>
  );
}
