import { Link } from 'react-router-dom';
import { createColumnHelper } from '@tanstack/react-table';
import { Badge, Button } from '@orchestrator/shared/ui';
import type { FlowListItem } from '../../contracts/index.ts';
import { flowPath } from '../api/flow-paths.ts';
import type { ListTableFeatures } from '../common/DataTable.tsx';
import { FlowStatusBadge } from '../common/FlowStatusBadge.tsx';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { errorRateOf } from './flow-stats.ts';

const helper = createColumnHelper<ListTableFeatures, FlowListItem>();

/** The list's columns; with `onDelete`, a Delete button per row for those who may edit. */
export function flowColumnsFor(onDelete: ((flow: FlowListItem) => void) | undefined) {
  const columns = [
    helper.display({
      id: 'name',
      header: 'Automation',
      cell: ({ row }) => (
        <Link className="flows-list__name" to={flowPath(row.original.id)}>
          {row.original.name}
        </Link>
      ),
    }),
    helper.display({
      id: 'status',
      header: 'Status',
      cell: ({ row }) => (
        <span className="flows-inline">
          <FlowStatusBadge status={row.original.status} />
          {row.original.hasUnpublishedChanges && row.original.activeVersion !== null && (
            <Badge tone="warning">Unpublished changes</Badge>
          )}
        </span>
      ),
    }),
    helper.accessor('activeVersion', {
      header: 'Version',
      cell: ({ getValue }) => {
        const version = getValue();
        return version === null ? <span className="flows-muted">None</span> : `v${version}`;
      },
    }),
    helper.display({
      id: 'live',
      header: 'Live runs',
      cell: ({ row }) => (
        <Link
          to={flowPath(row.original.id, 'runs')}
          aria-label={`${row.original.stats.live} live runs of ${row.original.name}`}
        >
          {row.original.stats.live.toLocaleString()}
        </Link>
      ),
    }),
    helper.display({
      id: 'runs',
      header: 'Runs',
      cell: ({ row }) => row.original.stats.runs.toLocaleString(),
    }),
    helper.display({
      id: 'errorRate',
      header: 'Error rate',
      cell: ({ row }) => {
        const rate = errorRateOf(row.original.stats);
        return row.original.stats.failed > 0 ? <span className="flows-danger-text">{rate}</span> : rate;
      },
    }),
    helper.accessor('updatedAt', {
      header: 'Updated',
      cell: ({ getValue }) => <RelativeTime iso={getValue()} />,
    }),
  ];
  if (!onDelete) return columns;
  return [
    ...columns,
    helper.display({
      id: 'actions',
      header: () => <span className="ui-visually-hidden">Actions</span>,
      cell: ({ row }) => (
        <Button size="sm" variant="ghost" onClick={() => onDelete(row.original)}>
          Delete<span className="ui-visually-hidden"> {row.original.name}</span>
        </Button>
      ),
    }),
  ];
}
