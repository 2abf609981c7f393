import { TextField } from '@orchestrator/shared/ui';

export interface NumberFieldProps {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  hint?: string;
  error?: string;
  min?: number;
  max?: number;
  step?: number;
  disabled?: boolean;
  placeholder?: string;
}

/** A number setting; empty means "not set". */
export function NumberField({
  label,
  value,
  onChange,
  hint,
  error,
  min,
  max,
  step = 1,
  disabled,
  placeholder,
}: NumberFieldProps) {
  return (
    <TextField
      label={label}
      type="number"
      inputMode={step === 1 ? 'numeric' : 'decimal'}
      value={value ?? ''}
      min={min}
      max={max}
      step={step}
      hint={hint}
      error={error}
      disabled={disabled}
      placeholder={placeholder}
      onChange={(event) => {
        const text = event.target.value;
        const number = Number(text);
        onChange(text === '' || !Number.isFinite(number) ? undefined : number);
      }}
    />
  );
}
