import type { ChangeEvent, Ref } from 'react';
import type { FlowExport } from '../../contracts/index.ts';
import { parseFlowExport } from '../list/parse-flow-export.ts';

export interface ImportGraphInputProps {
  ref: Ref<HTMLInputElement>;
  onImport: (exported: FlowExport) => void;
  onInvalid: (message: string) => void;
}

/** The hidden file picker behind "Import JSON": replaces this draft's graph and settings. */
export function ImportGraphInput({ ref, onImport, onInvalid }: ImportGraphInputProps) {
  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const parsed = parseFlowExport(await file.text());
    if (parsed.ok) onImport(parsed.value);
    else onInvalid(parsed.message);
  }
  return (
    <input
      ref={ref}
      type="file"
      accept="application/json,.json"
      className="ui-visually-hidden"
      tabIndex={-1}
      aria-label="Import a JSON file into this draft"
      onChange={(event) => void pick(event)}
    />
  );
}
