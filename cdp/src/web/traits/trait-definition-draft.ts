import type {
  TraitDefinition,
  TraitDefinitionInput,
  TraitStrategy,
  TraitType,
} from '../../contracts/index.ts';

/** One editable row of the trait definitions page; `rowId` keeps React's keys stable while keys change. */
export interface TraitDraftRow {
  rowId: string;
  key: string;
  label: string;
  type: TraitType;
  strategy: TraitStrategy;
}

export const TRAIT_TYPE_OPTIONS: ReadonlyArray<{ value: TraitType; label: string }> = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'Yes/no' },
  { value: 'date', label: 'Date' },
  { value: 'list', label: 'List' },
];

/** The merge strategies (see the domain's trait strategies), as a user chooses between them. */
export const TRAIT_STRATEGY_OPTIONS: ReadonlyArray<{ value: TraitStrategy; label: string }> = [
  { value: 'latest', label: 'Latest (newest event wins)' },
  { value: 'first', label: 'First (oldest event wins)' },
  { value: 'min', label: 'Minimum' },
  { value: 'max', label: 'Maximum' },
  { value: 'union', label: 'Union (every value, as a list)' },
];

let rowCount = 0;
const nextRowId = () => `trait-row-${++rowCount}`;

export function draftOf(definitions: readonly TraitDefinition[]): TraitDraftRow[] {
  return definitions.map((definition) => ({ rowId: nextRowId(), ...definition }));
}

/** A new row: text, resolved like undefined traits are (latest). */
export function newDraftRow(): TraitDraftRow {
  return { rowId: nextRowId(), key: '', label: '', type: 'text', strategy: 'latest' };
}

export interface TraitDraftErrors {
  key?: string;
  label?: string;
}

/** What must be fixed before the draft can be saved, by row id (rows without problems are absent). */
export function draftErrors(rows: readonly TraitDraftRow[]): Map<string, TraitDraftErrors> {
  const errors = new Map<string, TraitDraftErrors>();
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.key.trim();
    const rowErrors: TraitDraftErrors = {};
    if (key === '') rowErrors.key = 'Enter the trait key, e.g. plan';
    else if (seen.has(key)) rowErrors.key = 'Another row defines this trait';
    if (row.label.trim() === '') rowErrors.label = 'Enter a label';
    seen.add(key);
    if (rowErrors.key || rowErrors.label) errors.set(row.rowId, rowErrors);
  }
  return errors;
}

/** The draft as the API takes it (trimmed, in key order as the API lists them). */
export function toDefinitions(rows: readonly TraitDraftRow[]): TraitDefinitionInput[] {
  return rows
    .map(({ key, label, type, strategy }) => ({ key: key.trim(), label: label.trim(), type, strategy }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Whether saving the draft would change the stored definitions. */
export function isDraftChanged(rows: readonly TraitDraftRow[], saved: readonly TraitDefinition[]): boolean {
  return JSON.stringify(toDefinitions(rows)) !== JSON.stringify(toDefinitions(draftOf(saved)));
}
