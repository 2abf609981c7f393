import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Select, Table, TextField, type TableColumn } from '@orchestrator/shared/ui';
import type { BlockedIdentifier } from '../../contracts/index.ts';
import { IdentityTypeBadge } from '../customers/IdentityTypeBadge.tsx';
import { IDENTITY_TYPE_OPTIONS } from '../customers/profile-display.ts';

type BlockedType = BlockedIdentifier['type'];

const TYPE_OPTIONS = [{ value: '*', label: 'Any type' }, ...IDENTITY_TYPE_OPTIONS];

export interface BlockedValuesCardProps {
  items: readonly BlockedIdentifier[];
  canEdit: boolean;
  saving: boolean;
  saveError?: string;
  /** Saves the whole list; resolves true when it was stored. */
  onSave: (items: BlockedIdentifier[]) => Promise<boolean>;
}

const sameEntry = (left: BlockedIdentifier, right: BlockedIdentifier) =>
  left.type === right.type && left.value === right.value;

/** The workspace's own blocked values: read by everyone, added and removed by admins. */
export function BlockedValuesCard({ items, canEdit, saving, saveError, onSave }: BlockedValuesCardProps) {
  const [type, setType] = useState<BlockedType>('*');
  const [value, setValue] = useState('');
  const [valueError, setValueError] = useState<string>();

  async function add(event: FormEvent) {
    event.preventDefault();
    const entry = { type, value: value.trim().toLowerCase() };
    if (!entry.value) return setValueError('Enter the value to block.');
    if (items.some((item) => sameEntry(item, entry))) return setValueError('This value is blocked already.');
    setValueError(undefined);
    if (await onSave([...items, entry])) setValue('');
  }

  const columns: TableColumn<BlockedIdentifier>[] = [
    {
      key: 'value',
      header: 'Value',
      isRowHeader: true,
      cell: (row) => <code className="cdp-code">{row.value}</code>,
    },
    {
      key: 'type',
      header: 'For',
      cell: (row) => (row.type === '*' ? 'Any type' : <IdentityTypeBadge type={row.type} />),
    },
    ...(canEdit
      ? [
          {
            key: 'remove',
            header: <span className="ui-visually-hidden">Actions</span>,
            width: '7rem',
            cell: (row: BlockedIdentifier) => (
              <Button
                variant="secondary"
                disabled={saving}
                aria-label={`Unblock ${row.value}`}
                onClick={() => void onSave(items.filter((item) => !sameEntry(item, row)))}
              >
                Unblock
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title="Blocked in this workspace">
      <p className="cdp-identity__note">
        Values your own systems use for nobody in particular — a shared kiosk&apos;s device id, a front
        desk&apos;s e-mail. They stay in events and traits but never link events to a customer, from the next
        event on (customers linked before keep their identities).
      </p>
      <Table
        caption="Values blocked in this workspace"
        captionHidden
        columns={columns}
        rows={items}
        rowKey={(row) => `${row.type}:${row.value}`}
        emptyMessage="No values of your own: only the built-in placeholders are blocked."
      />
      {canEdit && (
        <form className="cdp-identity__row cdp-identity__add" onSubmit={(event) => void add(event)}>
          <Select
            label="Block for"
            options={TYPE_OPTIONS}
            value={type}
            onChange={(event) => setType(event.target.value as BlockedType)}
          />
          <TextField
            label="Value to block"
            value={value}
            maxLength={1024}
            autoComplete="off"
            error={valueError}
            onChange={(event) => setValue(event.target.value)}
          />
          <Button type="submit" variant="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Block value'}
          </Button>
        </form>
      )}
      {saveError && (
        <Alert tone="danger" title="The blocked values were not saved">
          {saveError}
        </Alert>
      )}
    </Card>
  );
}
