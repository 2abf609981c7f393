import { Card, Table } from '@orchestrator/shared/ui';
import type { TableColumn } from '@orchestrator/shared/ui';
import { JsonValue } from './JsonValue.tsx';

type Trait = [key: string, value: unknown];

const columns: TableColumn<Trait>[] = [
  {
    key: 'key',
    header: 'Trait',
    isRowHeader: true,
    width: '32%',
    cell: ([key]) => <code className="cdp-code">{key}</code>,
  },
  { key: 'value', header: 'Value', cell: ([, value]) => <JsonValue value={value} /> },
];

/** The profile's traits as a key/value table, keys in alphabetical order. */
export function TraitsCard({ traits }: { traits: Record<string, unknown> }) {
  const rows = Object.entries(traits).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Card title="Traits">
      <Table
        caption="Traits"
        captionHidden
        columns={columns}
        rows={rows}
        rowKey={([key]) => key}
        emptyMessage="No traits yet. They arrive with identify calls and from the suite's modules."
      />
    </Card>
  );
}
