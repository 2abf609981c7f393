import { ariaDescribedByIds } from '@rjsf/utils';
import type { WidgetProps } from '@rjsf/utils';

/** Dropdown: a native select (the platform's picker on mobiles), with "Choose…" until answered. */
export function SelectWidget({
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
  const choices = options.enumOptions ?? [];
  const index = choices.findIndex((choice) => choice.value === value);
  return (
    <select
      id={id}
      name={htmlName || id}
      className="ui-select pf-select"
      value={index === -1 ? '' : String(index)}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      aria-required={required || undefined}
      aria-invalid={rawErrors?.length ? true : undefined}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(event) =>
        onChange(event.target.value === '' ? undefined : choices[Number(event.target.value)]?.value)
      }
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    >
      <option value="">{placeholder || 'Choose…'}</option>
      {choices.map((choice, choiceIndex) => (
        <option key={String(choice.value)} value={String(choiceIndex)}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}
