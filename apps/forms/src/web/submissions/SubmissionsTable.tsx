import { useMemo, useState } from 'react';
import { useTable } from '@tanstack/react-table';
import type { ColumnVisibilityState, OnChangeFn, SortingState } from '@tanstack/react-table';
import type { MouseEvent, ReactNode } from 'react';
import { ColumnPicker } from '@orchestrator/shared/ui';
import type { Submission } from '../../contracts/index.ts';
import type { AnswerColumn, HiddenColumn } from './columns-of.ts';
import { submissionColumns, submissionTableFeatures } from './submission-columns.tsx';

export interface SubmissionsTableProps {
  formId: string;
  submissions: Submission[];
  answerColumns: readonly AnswerColumn[];
  hiddenColumns: readonly HiddenColumn[];
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  onOpen: (submission: Submission) => void;
  busy: boolean;
  /** Extra toolbar content (count, export). */
  toolbar: ReactNode;
}

function readVisibility(key: string): ColumnVisibilityState {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    if (stored && typeof stored === 'object') return stored as ColumnVisibilityState;
  } catch {
    // A broken stored choice falls back to all columns.
  }
  return {};
}

const SORT_MARKS = { asc: '▲', desc: '▼' } as const;

/** One server page of submissions; sorting asks the server, the column choice is kept in this browser. */
export function SubmissionsTable({
  formId,
  submissions,
  answerColumns,
  hiddenColumns,
  sorting,
  onSortingChange,
  onOpen,
  busy,
  toolbar,
}: SubmissionsTableProps) {
  const visibilityKey = `orchestrator.forms.${formId}.columns`;
  const [columnVisibility, setColumnVisibility] = useState(() => readVisibility(visibilityKey));
  const columns = useMemo(
    () => submissionColumns(answerColumns, hiddenColumns),
    [answerColumns, hiddenColumns],
  );

  const changeVisibility: OnChangeFn<ColumnVisibilityState> = (updater) => {
    setColumnVisibility((current) => {
      const next = typeof updater === 'function' ? updater(current) : updater;
      localStorage.setItem(visibilityKey, JSON.stringify(next));
      return next;
    });
  };

  const table = useTable({
    features: submissionTableFeatures,
    columns,
    data: submissions,
    getRowId: (submission) => submission.id,
    state: { sorting, columnVisibility },
    onSortingChange,
    onColumnVisibilityChange: changeVisibility,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
  });

  const pickable = [
    ...answerColumns.map((column) => ({ id: column.id, label: column.title })),
    ...hiddenColumns.map((column) => ({ id: column.id, label: `${column.name} (hidden field)` })),
    { id: 'category', label: 'Category' },
  ];

  function openRow(event: MouseEvent<HTMLTableRowElement>, submission: Submission) {
    if ((event.target as Element).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    onOpen(submission);
  }

  return (
    <div className="forms-submissions">
      <div className="forms-toolbar">
        {toolbar}
        <ColumnPicker
          columns={pickable}
          isVisible={(id) => table.getColumn(id)?.getIsVisible() ?? false}
          onToggle={(id, visible) => table.getColumn(id)?.toggleVisibility(visible)}
        />
      </div>
      <div className="ui-table-wrap">
        <table className="ui-table forms-submissions__table" aria-busy={busy || undefined}>
          <caption className="ui-visually-hidden">Submissions</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                <th scope="col" className="forms-submissions__open-col">
                  <span className="ui-visually-hidden">Open</span>
                </th>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="forms-sort"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="forms-sort__mark">
                            {sorted ? SORT_MARKS[sorted] : '↕'}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                className="forms-submissions__row"
                onClick={(event) => openRow(event, row.original)}
              >
                <td className="forms-submissions__open-col">
                  <button type="button" className="forms-link-button" onClick={() => onOpen(row.original)}>
                    Open
                    <span className="ui-visually-hidden">
                      {' '}
                      the response from {new Date(row.original.submittedAt).toLocaleString()}
                    </span>
                  </button>
                </td>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
