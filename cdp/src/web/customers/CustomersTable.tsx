import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTable } from '@tanstack/react-table';
import type { ColumnVisibilityState, OnChangeFn, PaginationState } from '@tanstack/react-table';
import type { MouseEvent } from 'react';
import { Button, ColumnPicker } from '@orchestrator/shared/ui';
import { customerPath } from './customers-api.ts';
import type { Profile } from './customers-api.ts';
import {
  customerColumns,
  customerTableFeatures,
  defaultColumnVisibility,
  hideableColumns,
} from './customer-columns.tsx';

const VISIBILITY_KEY = 'orchestrator.customers.columns';

function readVisibility(): ColumnVisibilityState {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(VISIBILITY_KEY) ?? 'null');
    if (stored && typeof stored === 'object') return { ...defaultColumnVisibility, ...stored };
  } catch {
    // A broken stored choice falls back to the defaults.
  }
  return defaultColumnVisibility;
}

export interface CustomersTableProps {
  profiles: Profile[];
  pagination: PaginationState;
  onPaginationChange: OnChangeFn<PaginationState>;
  hasNextPage: boolean;
  /** A page is loading: the rows shown are the previous page's and navigation waits. */
  busy: boolean;
}

/** One server page of customers; the column choice is remembered in this browser. */
export function CustomersTable({
  profiles,
  pagination,
  onPaginationChange,
  hasNextPage,
  busy,
}: CustomersTableProps) {
  const navigate = useNavigate();
  const [columnVisibility, setColumnVisibility] = useState(readVisibility);

  const changeVisibility: OnChangeFn<ColumnVisibilityState> = (updater) => {
    setColumnVisibility((current) => {
      const next = typeof updater === 'function' ? updater(current) : updater;
      localStorage.setItem(VISIBILITY_KEY, JSON.stringify(next));
      return next;
    });
  };

  const table = useTable({
    features: customerTableFeatures,
    columns: customerColumns,
    data: profiles,
    getRowId: (profile) => profile.id,
    state: { pagination, columnVisibility },
    onPaginationChange,
    onColumnVisibilityChange: changeVisibility,
    manualPagination: true,
    // Cursor pagination has no total: there is one more page exactly when the server gave a cursor.
    pageCount: pagination.pageIndex + (hasNextPage ? 2 : 1),
  });

  function openRow(event: MouseEvent<HTMLTableRowElement>, profileId: string) {
    // Links and buttons in the row do their own thing; selecting text is not a click to open.
    if ((event.target as Element).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    navigate(customerPath(profileId));
  }

  const from = pagination.pageIndex * pagination.pageSize + 1;
  return (
    <div className="cdp-customers">
      <div className="cdp-toolbar">
        <p className="cdp-muted" aria-live="polite">
          {busy
            ? 'Loading…'
            : `Showing ${from.toLocaleString()}–${(from + profiles.length - 1).toLocaleString()}`}
        </p>
        <ColumnPicker
          columns={hideableColumns}
          isVisible={(id) => table.getColumn(id)?.getIsVisible() ?? false}
          onToggle={(id, visible) => table.getColumn(id)?.toggleVisibility(visible)}
        />
      </div>
      <div className="ui-table-wrap">
        <table className="ui-table cdp-customers__table" aria-busy={busy || undefined}>
          <caption className="ui-visually-hidden">Customers</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col" className={`cdp-col-${header.column.id}`}>
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="cdp-customers__row" onClick={(event) => openRow(event, row.id)}>
                {row.getVisibleCells().map((cell) =>
                  cell.column.id === 'customer' ? (
                    <th key={cell.id} scope="row">
                      <table.FlexRender cell={cell} />
                    </th>
                  ) : (
                    <td key={cell.id} className={`cdp-col-${cell.column.id}`}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="cdp-pager" aria-label="Pages of customers">
        <Button onClick={() => table.previousPage()} disabled={busy || !table.getCanPreviousPage()}>
          Previous
        </Button>
        <span className="cdp-muted">Page {pagination.pageIndex + 1}</span>
        <Button onClick={() => table.nextPage()} disabled={busy || !table.getCanNextPage()}>
          Next
        </Button>
      </nav>
    </div>
  );
}
