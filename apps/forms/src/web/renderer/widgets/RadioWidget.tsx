import type { WidgetProps } from '@rjsf/utils';
import { ChoiceOptions } from './ChoiceOptions.tsx';
import { useOptionOrder } from './use-option-order.ts';

/** Single choice and yes/no: one of the schema's options. */
export function RadioWidget({
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
  return (
    <ChoiceOptions
      id={id}
      name={htmlName || id}
      multiple={false}
      labels={shown.map((choice) => choice.label)}
      isChecked={(index) => shown[index]!.value === value}
      onCheck={(index) => onChange(shown[index]!.value)}
      disabled={disabled || readonly}
      invalid={Boolean(rawErrors?.length)}
      autofocus={autofocus}
    />
  );
}
