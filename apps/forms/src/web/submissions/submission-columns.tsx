import {
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import { Badge } from '@orchestrator/shared/ui';
import type { BadgeTone } from '@orchestrator/shared/ui';
import type { Submission, SubmissionCategory } from '../../contracts/index.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { AnswerText } from './AnswerText.tsx';
import type { AnswerColumn, HiddenColumn } from './columns-of.ts';

// Sorting happens on the server (manualSorting); the table keeps the sort state and column choice.
export const submissionTableFeatures = tableFeatures({ rowSortingFeature, columnVisibilityFeature });

const helper = createColumnHelper<typeof submissionTableFeatures, Submission>();

export const CATEGORY_LABELS: Record<SubmissionCategory, { label: string; tone: BadgeTone }> = {
  inbox: { label: 'Inbox', tone: 'neutral' },
  starred: { label: 'Starred', tone: 'warning' },
  archived: { label: 'Archived', tone: 'neutral' },
  spam: { label: 'Spam', tone: 'danger' },
};

/** Columns: when, one per field and hidden field, and the category. */
export function submissionColumns(answers: readonly AnswerColumn[], hidden: readonly HiddenColumn[]) {
  return helper.columns([
    helper.accessor((row) => row.submittedAt, {
      id: 'submittedAt',
      header: 'Submitted',
      sortDescFirst: true,
      enableHiding: false,
      cell: ({ getValue }) => <RelativeTime iso={getValue()} />,
    }),
    ...answers.map((column) =>
      helper.accessor((row) => row.answers[column.fieldId], {
        id: column.id,
        header: column.title,
        cell: ({ getValue }) => <AnswerText field={column.field} value={getValue()} />,
      }),
    ),
    ...hidden.map((column) =>
      helper.accessor((row) => row.hiddenFields[column.name], {
        id: column.id,
        header: () => (
          <>
            {column.name} <span className="forms-hidden-tag">hidden</span>
          </>
        ),
        cell: ({ getValue }) => <AnswerText value={getValue()} />,
      }),
    ),
    helper.accessor((row) => row.category, {
      id: 'category',
      header: 'Category',
      enableSorting: false,
      cell: ({ getValue }) => {
        const { label, tone } = CATEGORY_LABELS[getValue()];
        return <Badge tone={tone}>{label}</Badge>;
      },
    }),
  ]);
}
