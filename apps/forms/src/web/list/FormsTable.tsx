import { Link } from 'react-router-dom';
import { Button, Table } from '@orchestrator/shared/ui';
import type { TableColumn } from '@orchestrator/shared/ui';
import type { FormSummary } from '../../contracts/index.ts';
import { formPath } from '../api/forms-api.ts';
import { FormStatusBadge } from '../common/FormStatusBadge.tsx';
import { RelativeTime } from '../common/RelativeTime.tsx';

export interface FormsTableProps {
  forms: readonly FormSummary[];
  canEdit: boolean;
  onDelete: (form: FormSummary) => void;
}

/** The workspace's forms: status, responses, when created, and where to go next. */
export function FormsTable({ forms, canEdit, onDelete }: FormsTableProps) {
  const columns: TableColumn<FormSummary>[] = [
    {
      key: 'title',
      header: 'Form',
      isRowHeader: true,
      cell: (form) => (
        <div className="forms-list__title">
          <Link to={formPath(form.id, 'edit')} className="forms-list__link">
            {form.title}
          </Link>
          <span className="forms-muted forms-list__url">{form.url}</span>
        </div>
      ),
    },
    { key: 'status', header: 'Status', width: '220px', cell: (form) => <FormStatusBadge form={form} /> },
    {
      key: 'responses',
      header: 'Responses',
      width: '120px',
      cell: (form) => (
        <Link
          to={formPath(form.id, 'submissions')}
          className="forms-list__count"
          aria-label={`${form.submissionCount} responses to ${form.title}`}
        >
          {form.submissionCount.toLocaleString()}
        </Link>
      ),
    },
    {
      key: 'created',
      header: 'Created',
      width: '140px',
      cell: (form) => <RelativeTime iso={form.createdAt} />,
    },
    {
      key: 'actions',
      header: <span className="ui-visually-hidden">Actions</span>,
      width: '200px',
      cell: (form) => (
        <div className="forms-row-actions">
          <Link className="ui-button ui-button--ghost ui-button--sm" to={formPath(form.id, 'integrations')}>
            Integrations<span className="ui-visually-hidden"> of {form.title}</span>
          </Link>
          {canEdit && (
            <Button size="sm" variant="ghost" onClick={() => onDelete(form)}>
              Delete<span className="ui-visually-hidden"> {form.title}</span>
            </Button>
          )}
        </div>
      ),
    },
  ];
  return <Table caption="Forms" captionHidden columns={columns} rows={forms} rowKey={(form) => form.id} />;
}
