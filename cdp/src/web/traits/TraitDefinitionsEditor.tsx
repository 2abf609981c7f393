import { Button, Select, Table, TextField, type TableColumn } from '@orchestrator/shared/ui';
import type { TraitStrategy, TraitType } from '../../contracts/index.ts';
import {
  TRAIT_STRATEGY_OPTIONS,
  TRAIT_TYPE_OPTIONS,
  type TraitDraftErrors,
  type TraitDraftRow,
} from './trait-definition-draft.ts';

export interface TraitDefinitionsEditorProps {
  rows: readonly TraitDraftRow[];
  /** Errors are shown only once the user tried to save. */
  errors: ReadonlyMap<string, TraitDraftErrors>;
  readOnly: boolean;
  onChange: (row: TraitDraftRow) => void;
  onRemove: (row: TraitDraftRow) => void;
}

/** The definitions as a table of inputs: one row per trait, its key, label, type and merge strategy. */
export function TraitDefinitionsEditor({
  rows,
  errors,
  readOnly,
  onChange,
  onRemove,
}: TraitDefinitionsEditorProps) {
  const name = (row: TraitDraftRow) => row.key.trim() || 'new trait';
  const columns: TableColumn<TraitDraftRow>[] = [
    {
      key: 'key',
      header: 'Trait key',
      width: '22%',
      cell: (row) => (
        <TextField
          className="cdp-traits__field"
          label={`Key of ${name(row)}`}
          value={row.key}
          readOnly={readOnly}
          error={errors.get(row.rowId)?.key}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onChange({ ...row, key: event.target.value })}
        />
      ),
    },
    {
      key: 'label',
      header: 'Label',
      width: '24%',
      cell: (row) => (
        <TextField
          className="cdp-traits__field"
          label={`Label of ${name(row)}`}
          value={row.label}
          readOnly={readOnly}
          error={errors.get(row.rowId)?.label}
          onChange={(event) => onChange({ ...row, label: event.target.value })}
        />
      ),
    },
    {
      key: 'type',
      header: 'Type',
      width: '16%',
      cell: (row) => (
        <Select
          className="cdp-traits__field"
          label={`Type of ${name(row)}`}
          options={TRAIT_TYPE_OPTIONS}
          value={row.type}
          disabled={readOnly}
          onChange={(event) => onChange({ ...row, type: event.target.value as TraitType })}
        />
      ),
    },
    {
      key: 'strategy',
      header: 'When profiles merge',
      width: '28%',
      cell: (row) => (
        <Select
          className="cdp-traits__field"
          label={`Merge strategy of ${name(row)}`}
          options={TRAIT_STRATEGY_OPTIONS}
          value={row.strategy}
          disabled={readOnly}
          onChange={(event) => onChange({ ...row, strategy: event.target.value as TraitStrategy })}
        />
      ),
    },
  ];
  if (!readOnly) {
    columns.push({
      key: 'actions',
      header: <span className="ui-visually-hidden">Actions</span>,
      width: '10%',
      cell: (row) => (
        <Button
          size="sm"
          variant="secondary"
          aria-label={`Remove ${name(row)}`}
          onClick={() => onRemove(row)}
        >
          Remove
        </Button>
      ),
    });
  }
  return (
    <Table
      caption="Trait definitions"
      captionHidden
      columns={columns}
      rows={rows}
      rowKey={(row) => row.rowId}
    />
  );
}
