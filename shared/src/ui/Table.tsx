import type { ReactNode } from 'react';

export interface TableColumn<Row> {
  /** Stable key of the column, also used as React key. */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The cell that names the row is a row header (`<th scope="row">`) so screen readers announce it. */
  isRowHeader?: boolean;
  width?: string;
}

export interface TableProps<Row> {
  /** Every table is named; hide the caption visually when the page heading already says it. */
  caption: string;
  captionHidden?: boolean;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Shown in one full-width row when there are no rows. */
  emptyMessage?: ReactNode;
  /**
   * Highlights a row. Only visual: say what is selected through the control inside the row
   * (e.g. `aria-current` on its link), since rows of a plain table have no selected state.
   */
  isRowSelected?: (row: Row) => boolean;
}

export function Table<Row>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  emptyMessage = 'Nothing to show.',
  isRowSelected,
}: TableProps<Row>) {
  return (
    <div className="ui-table-wrap">
      <table className="ui-table">
        <caption className={captionHidden ? 'ui-visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" style={column.width ? { width: column.width } : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td className="ui-table__empty" colSpan={columns.length}>
                {emptyMessage}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className={isRowSelected?.(row) ? 'ui-table__row--selected' : undefined}>
                {columns.map((column) =>
                  column.isRowHeader ? (
                    <th key={column.key} scope="row">
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.key}>{column.cell(row)}</td>
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
