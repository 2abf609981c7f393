import { useState } from 'react';
import type { FormEvent } from 'react';
import { Button, TextField } from '@orchestrator/shared/ui';
import type { HiddenField } from '../../contracts/index.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

export interface HiddenFieldsEditorProps {
  hiddenFields: readonly HiddenField[];
  onChange: (hiddenFields: HiddenField[]) => void;
  publicUrl: string;
  errors: Readonly<Record<number, string>>;
  disabled: boolean;
}

/**
 * Hidden fields: values the public page takes from its link (`?utm_source=newsletter`) and stores with
 * each response, in the table, the CSV export and webhooks.
 */
export function HiddenFieldsEditor({
  hiddenFields,
  onChange,
  publicUrl,
  errors,
  disabled,
}: HiddenFieldsEditorProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();

  function add(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!NAME.test(trimmed)) {
      setError('Use letters, digits, “_”, “.” or “-”, starting with a letter or “_” (e.g. utm_source)');
      return;
    }
    if (hiddenFields.some((hidden) => hidden.name === trimmed)) {
      setError(`“${trimmed}” is already a hidden field`);
      return;
    }
    onChange([...hiddenFields, { name: trimmed }]);
    setName('');
    setError(undefined);
  }

  const example = hiddenFields.length
    ? `${publicUrl}?${hiddenFields.map((hidden) => `${hidden.name}=…`).join('&')}`
    : `${publicUrl}?utm_source=newsletter`;

  return (
    <div className="forms-hidden">
      <p className="forms-muted">
        Filled from the link’s query parameters and saved with every response — for campaign tags, customer
        ids or referrers. Example: <code className="forms-code">{example}</code>
      </p>
      {hiddenFields.length > 0 && (
        <ul className="forms-hidden__list" aria-label="Hidden fields">
          {hiddenFields.map((hidden, index) => (
            <li key={hidden.name} className="forms-hidden__item">
              <code className="forms-code">{hidden.name}</code>
              {errors[index] && <span className="ui-field__error">{errors[index]}</span>}
              <Button
                size="sm"
                variant="ghost"
                disabled={disabled}
                onClick={() => onChange(hiddenFields.filter((_, at) => at !== index))}
              >
                Remove<span className="ui-visually-hidden"> {hidden.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="forms-hidden__add" onSubmit={add} noValidate>
        <TextField
          label="New hidden field"
          placeholder="utm_source"
          value={name}
          maxLength={64}
          error={error}
          disabled={disabled}
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
        />
        <Button type="submit" disabled={disabled || hiddenFields.length >= 50}>
          Add hidden field
        </Button>
      </form>
    </div>
  );
}
