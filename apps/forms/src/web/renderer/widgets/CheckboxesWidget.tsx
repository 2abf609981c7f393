import type { WidgetProps } from '@rjsf/utils';
import { ChoiceOptions } from './ChoiceOptions.tsx';
import { useOptionOrder } from './use-option-order.ts';

/** Multiple choice: any of the schema's options, stored in the configured order. */
export function CheckboxesWidget({
  id,
  htmlName,
  options,
  value,
  onChange,
  disabled,
  readonly,
  rawErrors,
  autofocus,
}: WidgetProps) {
  const choices = options.enumOptions ?? [];
  const order = useOptionOrder(choices.length, options.randomize === true);
  const shown = order.map((index) => choices[index]!);
  const selected: unknown[] = Array.isArray(value) ? value : [];

  function check(index: number, checked: boolean) {
    const target = shown[index]!.value;
    const next = choices
      .map((choice) => choice.value)
      .filter((candidate) => (candidate === target ? checked : selected.includes(candidate)));
    onChange(next.length > 0 ? next : undefined);
  }

  return (
    <ChoiceOptions
      id={id}
      name={htmlName || id}
      multiple
      labels={shown.map((choice) => choice.label)}
      isChecked={(index) => selected.includes(shown[index]!.value)}
      onCheck={check}
      disabled={disabled || readonly}
      invalid={Boolean(rawErrors?.length)}
      autofocus={autofocus}
    />
  );
}
