import { useState } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ChoiceOptions } from './ChoiceOptions.tsx';
import { useOptionOrder } from './use-option-order.ts';

/** Multiple choice with "Other": any of `ui:options.choices`, plus the respondent's own text. */
export function CheckboxesWithOtherWidget({
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
  const choices = Array.isArray(options.choices) ? (options.choices as string[]) : [];
  const order = useOptionOrder(choices.length, options.randomize === true);
  const shown = order.map((index) => choices[index]!);
  const selected: string[] = Array.isArray(value) ? (value as string[]) : [];
  const otherText = selected.find((item) => !choices.includes(item)) ?? '';
  const [otherChosen, setOtherChosen] = useState(otherText !== '');

  function emit(picked: string[], other: string) {
    const next = [...choices.filter((choice) => picked.includes(choice)), ...(other ? [other] : [])];
    onChange(next.length > 0 ? next : undefined);
  }
  const picked = selected.filter((item) => choices.includes(item));

  return (
    <ChoiceOptions
      id={id}
      name={htmlName || id}
      multiple
      labels={shown}
      isChecked={(index) => picked.includes(shown[index]!)}
      onCheck={(index, checked) =>
        emit(checked ? [...picked, shown[index]!] : picked.filter((item) => item !== shown[index]), otherText)
      }
      other={{
        checked: otherChosen || otherText !== '',
        text: otherText,
        onCheck: (checked) => {
          setOtherChosen(checked);
          if (!checked) emit(picked, '');
        },
        onText: (typed) => emit(picked, typed),
      }}
      disabled={disabled || readonly}
      invalid={Boolean(rawErrors?.length)}
      autofocus={autofocus}
    />
  );
}
