import { tableFeatures, useTable } from '@tanstack/react-table';
import type { ColumnDef, RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';

/** Lists here are one server page each: the table only lays the rows out. */
export const listTableFeatures = tableFeatures({});
export type ListTableFeatures = typeof listTableFeatures;

export interface DataTableProps<Row extends RowData> {
  caption: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns of any value type
  columns: ColumnDef<ListTableFeatures, Row, any>[];
  rows: Row[];
  rowId: (row: Row) => string;
  /** The column whose cell names the row, announced as a row header. */
  rowHeader: string;
  emptyMessage?: ReactNode;
  busy?: boolean;
}

/** A design-system table driven by TanStack Table, caption hidden (the page heading says it). */
export function DataTable<Row extends RowData>({
  caption,
  columns,
  rows,
  rowId,
  rowHeader,
  emptyMessage,
  busy,
}: DataTableProps<Row>) {
  const table = useTable({
    features: listTableFeatures,
    columns,
    data: rows,
    getRowId: (row) => rowId(row),
  });
  const rowModel = table.getRowModel().rows;
  return (
    <div className="ui-table-wrap">
      <table className="ui-table" aria-busy={busy || undefined}>
        <caption className="ui-visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rowModel.length === 0 ? (
            <tr>
              <td className="ui-table__empty" colSpan={columns.length}>
                {emptyMessage ?? 'Nothing to show.'}
              </td>
            </tr>
          ) : (
            rowModel.map((row) => (
              <tr key={row.id}>
                {row.getAllCells().map((cell) =>
                  cell.column.id === rowHeader ? (
                    <th key={cell.id} scope="row">
                      <table.FlexRender cell={cell} />
                    </th>
                  ) : (
                    <td key={cell.id}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
