import { Link } from 'react-router-dom';
import { createColumnHelper } from '@tanstack/react-table';
import { Badge } from '@orchestrator/shared/ui';
import type { Run } from '../../contracts/index.ts';
import { runPath } from '../api/flow-paths.ts';
import { TEST_RUN_VERSION } from '../api/runs-api.ts';
import type { ListTableFeatures } from '../common/DataTable.tsx';
import { durationBetween, formatDurationMs } from '../common/format-time.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { RunStatusBadge } from '../common/RunStatusBadge.tsx';

const helper = createColumnHelper<ListTableFeatures, Run>();

export const runColumns = [
  helper.display({
    id: 'run',
    header: 'Run',
    cell: ({ row }) => (
      <span className="flows-inline">
        <Link to={runPath(row.original.flowId, row.original.id)} className="flows-code">
          {row.original.id.slice(0, 8)}
        </Link>
        {row.original.test && <Badge tone="warning">Test</Badge>}
      </span>
    ),
  }),
  helper.accessor('status', {
    header: 'Status',
    cell: ({ getValue }) => <RunStatusBadge status={getValue()} />,
  }),
  helper.accessor('profileId', {
    header: 'Profile',
    cell: ({ getValue }) => {
      const profileId = getValue();
      return profileId ? (
        <Link to={`/customers/${encodeURIComponent(profileId)}`} className="flows-code">
          {profileId.slice(0, 8)}
        </Link>
      ) : (
        <span className="flows-muted">None</span>
      );
    },
  }),
  helper.accessor('version', {
    header: 'Version',
    cell: ({ getValue }) => (getValue() === TEST_RUN_VERSION ? 'Draft' : `v${getValue()}`),
  }),
  helper.accessor('startedAt', {
    header: 'Started',
    cell: ({ getValue }) => <RelativeTime iso={getValue()} />,
  }),
  helper.display({
    id: 'duration',
    header: 'Duration',
    cell: ({ row }) => formatDurationMs(durationBetween(row.original.startedAt, row.original.finishedAt)),
  }),
];
