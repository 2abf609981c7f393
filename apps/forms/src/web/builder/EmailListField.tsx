import { useState } from 'react';
import { TextArea } from './TextArea.tsx';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface EmailListFieldProps {
  label: string;
  hint?: string;
  emails: readonly string[];
  onChange: (emails: string[]) => void;
  error?: string;
  disabled: boolean;
}

function parse(text: string): { valid: string[]; invalid: string[] } {
  const entries = text
    .split(/[\s,;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  return {
    valid: [...new Set(entries.filter((entry) => EMAIL.test(entry)))],
    invalid: entries.filter((entry) => !EMAIL.test(entry)),
  };
}

/** E-mail addresses, one per line (or separated by commas); only valid addresses are kept. */
export function EmailListField({ label, hint, emails, onChange, error, disabled }: EmailListFieldProps) {
  const joined = emails.join('\n');
  const [text, setText] = useState(joined);
  const [textFor, setTextFor] = useState(joined);
  if (textFor !== joined && parse(text).valid.join('\n') !== joined) {
    setTextFor(joined);
    setText(joined);
  }
  const { invalid } = parse(text);
  const problem =
    error ??
    (invalid.length > 0
      ? `Not an e-mail address, so not saved: ${invalid.join(', ')}`
      : parse(text).valid.length > 20
        ? 'At most 20 addresses.'
        : undefined);
  return (
    <TextArea
      label={label}
      hint={hint}
      rows={3}
      value={text}
      error={problem}
      disabled={disabled}
      spellCheck={false}
      onChange={(event) => {
        setText(event.target.value);
        const next = parse(event.target.value).valid.slice(0, 20);
        setTextFor(next.join('\n'));
        onChange(next);
      }}
    />
  );
}
