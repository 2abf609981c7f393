import { Link } from 'react-router-dom';
import { useApiResource } from '@orchestrator/shared/api-client';
import {
  Badge,
  EmptyState,
  ErrorState,
  Icon,
  LoadingState,
  PageHeader,
  Table,
  useDocumentTitle,
} from '@orchestrator/shared/ui';
import type { TableColumn } from '@orchestrator/shared/ui';
import { CUSTOMERS_PATH } from '../customers/customers-api.ts';
import { RelativeTime } from '../customers/RelativeTime.tsx';
import { listSegments, NEW_SEGMENT_PATH, segmentPath, type Segment } from './segments-api.ts';
import { useCanEditSegments } from './use-can-edit-segments.ts';
import '../customers/customers.css';
import './segments.css';

const numberFormat = new Intl.NumberFormat();

const COLUMNS: readonly TableColumn<Segment>[] = [
  {
    key: 'name',
    header: 'Segment',
    isRowHeader: true,
    cell: (segment) => (
      <>
        <Link to={segmentPath(segment.id)}>{segment.name}</Link>
        {segment.description && <p className="cdp-muted seg-list__description">{segment.description}</p>}
      </>
    ),
  },
  {
    key: 'members',
    header: 'Customers in it',
    width: '140px',
    cell: (segment) => (
      <Link
        to={`${CUSTOMERS_PATH}?segment=${encodeURIComponent(segment.id)}`}
        aria-label={`${segment.memberCount} customers in ${segment.name}: show them`}
      >
        {numberFormat.format(segment.memberCount)}
      </Link>
    ),
  },
  {
    key: 'kind',
    header: 'Updates',
    width: '190px',
    cell: (segment) =>
      segment.timeWindowed ? (
        <Badge tone="info">As events arrive and time passes</Badge>
      ) : (
        <Badge>As events arrive</Badge>
      ),
  },
  {
    key: 'evaluated',
    header: 'Last full evaluation',
    width: '170px',
    cell: (segment) => <RelativeTime iso={segment.evaluatedAt} />,
  },
];

/** `/customers/segments`: every segment of the workspace with how many customers are in it. */
export function SegmentsPage() {
  useDocumentTitle('Segments · Customers');
  const canEdit = useCanEditSegments();
  const segments = useApiResource(listSegments);
  const newButton = canEdit && (
    <Link className="cdp-link-button ui-button ui-button--primary" to={NEW_SEGMENT_PATH}>
      New segment
    </Link>
  );

  let content;
  if (segments.data === undefined) {
    content = segments.loading ? (
      <LoadingState label="Loading segments…" />
    ) : (
      <ErrorState
        error={segments.error}
        onRetry={segments.reload}
        fallbackTitle="Could not load the segments"
      />
    );
  } else if (segments.data.length === 0) {
    content = (
      <EmptyState
        icon={<Icon name="customers" size={20} />}
        title="No segments yet"
        description={
          canEdit
            ? 'A segment is a group of customers defined by a rule — their traits and what they did — kept up to date as events arrive. Automations can start when customers enter or leave it.'
            : 'Members and admins of this workspace can create segments: groups of customers defined by a rule.'
        }
        actions={newButton || undefined}
      />
    );
  } else {
    content = (
      <Table
        caption="Segments"
        captionHidden
        columns={COLUMNS}
        rows={segments.data}
        rowKey={(segment) => segment.id}
      />
    );
  }

  return (
    <>
      <PageHeader
        title="Segments"
        description="Groups of customers by traits and behaviour, kept current as events arrive."
        actions={
          <>
            <Link className="cdp-link-button ui-button ui-button--ghost" to={CUSTOMERS_PATH}>
              ← All customers
            </Link>
            {segments.data?.length ? newButton : null}
          </>
        }
      />
      {content}
    </>
  );
}
