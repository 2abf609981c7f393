import { useId, useState } from 'react';

const HEX = /^#[0-9A-Fa-f]{6}$/;

export interface ColorFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
}

/** A colour as a swatch picker and its hex code; the code can be typed or pasted. */
export function ColorField({ label, value, onChange, disabled }: ColorFieldProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [textFor, setTextFor] = useState(value);
  if (textFor !== value) {
    setTextFor(value);
    setText(value);
  }
  const invalid = !HEX.test(text);
  return (
    <div className="ui-field forms-color">
      <label className="ui-field__label" htmlFor={id}>
        {label}
      </label>
      <div className="forms-color__row">
        <input
          type="color"
          className="forms-color__swatch"
          value={value}
          disabled={disabled}
          aria-label={`${label}: pick a colour`}
          onChange={(event) => onChange(event.target.value)}
        />
        <input
          id={id}
          className="ui-input forms-color__hex"
          value={text}
          maxLength={7}
          disabled={disabled}
          spellCheck={false}
          aria-invalid={invalid || undefined}
          onChange={(event) => {
            setText(event.target.value);
            if (HEX.test(event.target.value)) onChange(event.target.value.toLowerCase());
          }}
        />
      </div>
      {invalid && <p className="ui-field__error">Use a code like #4353d6.</p>}
    </div>
  );
}
