import { ariaDescribedByIds } from '@rjsf/utils';
import type { WidgetProps } from '@rjsf/utils';

/** Long text. In one-question-at-a-time mode Enter makes a new line; Ctrl/⌘+Enter continues. */
export function TextareaWidget({
  id,
  htmlName,
  value,
  placeholder,
  required,
  onChange,
  onBlur,
  onFocus,
  options,
  disabled,
  readonly,
  rawErrors,
  autofocus,
}: WidgetProps) {
  return (
    <textarea
      id={id}
      name={htmlName || id}
      className="ui-input pf-textarea"
      rows={typeof options.rows === 'number' ? options.rows : 5}
      value={typeof value === 'string' ? value : ''}
      placeholder={placeholder}
      disabled={disabled}
      readOnly={readonly}
      autoFocus={autofocus}
      aria-required={required || undefined}
      aria-invalid={rawErrors?.length ? true : undefined}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(event) => onChange(event.target.value === '' ? options.emptyValue : event.target.value)}
      onBlur={(event) => onBlur(id, event.target.value)}
      onFocus={(event) => onFocus(id, event.target.value)}
    />
  );
}
