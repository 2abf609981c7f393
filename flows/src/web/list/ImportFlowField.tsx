import { useId } from 'react';
import type { ChangeEvent } from 'react';
import type { FlowExport } from '../../contracts/index.ts';
import { parseFlowExport } from './parse-flow-export.ts';

export interface ImportFlowFieldProps {
  disabled: boolean;
  onImport: (exported: FlowExport) => void;
  onInvalid: (message: string) => void;
}

/** Picks a JSON file exported from an automation (here or elsewhere) and creates a new draft from it. */
export function ImportFlowField({ disabled, onImport, onInvalid }: ImportFlowFieldProps) {
  const id = useId();
  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const parsed = parseFlowExport(await file.text());
    if (parsed.ok) onImport(parsed.value);
    else onInvalid(parsed.message);
  }
  return (
    <div className="ui-field flows-new__import">
      <label className="ui-field__label" htmlFor={id}>
        Import from a JSON file
      </label>
      <input
        id={id}
        type="file"
        accept="application/json,.json"
        disabled={disabled}
        onChange={(event) => void pick(event)}
      />
      <p className="ui-field__hint">
        A file made with Export on an automation's editor. It is added as a new draft.
      </p>
    </div>
  );
}
