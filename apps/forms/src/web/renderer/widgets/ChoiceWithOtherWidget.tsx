import { useState } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ChoiceOptions } from './ChoiceOptions.tsx';
import { useOptionOrder } from './use-option-order.ts';

/** Single choice with "Other": one of `ui:options.choices`, or the respondent's own text. */
export function ChoiceWithOtherWidget({
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
  const text = typeof value === 'string' ? value : '';
  const isOtherText = text !== '' && !choices.includes(text);
  // "Other" can be chosen before anything is typed into it.
  const [otherChosen, setOtherChosen] = useState(isOtherText);
  const otherChecked = isOtherText || (otherChosen && text === '');

  return (
    <ChoiceOptions
      id={id}
      name={htmlName || id}
      multiple={false}
      labels={shown}
      isChecked={(index) => !otherChecked && text === shown[index]}
      onCheck={(index) => {
        setOtherChosen(false);
        onChange(shown[index]);
      }}
      other={{
        checked: otherChecked,
        text: isOtherText ? text : '',
        onCheck: () => {
          setOtherChosen(true);
          onChange(undefined);
        },
        onText: (typed) => onChange(typed === '' ? undefined : typed),
      }}
      disabled={disabled || readonly}
      invalid={Boolean(rawErrors?.length)}
      autofocus={autofocus}
    />
  );
}
