import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useApiResource } from '@orchestrator/shared/api-client';
import {
  Button,
  ErrorState,
  LoadingState,
  PageHeader,
  Select,
  useDocumentTitle,
  useToast,
} from '@orchestrator/shared/ui';
import type { RunStatus } from '../../contracts/index.ts';
import { fetchFlow } from '../api/flows-api.ts';
import { TEST_RUN_VERSION, listRuns } from '../api/runs-api.ts';
import { AUTOMATIONS_PATH, flowPath, runPath } from '../api/flow-paths.ts';
import { DataTable } from '../common/DataTable.tsx';
import { FlowStatusBadge } from '../common/FlowStatusBadge.tsx';
import { useCanEdit } from '../common/use-can-edit.ts';
import { usePolling } from '../common/use-polling.ts';
import { runColumns } from './run-columns.tsx';
import { sampleEventFor } from './sample-event.ts';
import { TestRunDialog } from './TestRunDialog.tsx';
import { isTriggerType } from '../../domain/node-registry.ts';
import { VersionOverview } from './VersionOverview.tsx';
import '../flows.css';

const PAGE_SIZE = 50;
const REFRESH_MS = 5000;
const RUN_STATUS_OPTIONS = [
  { value: 'running', label: 'Running' },
  { value: 'waiting', label: 'Waiting' },
  { value: 'completed', label: 'Completed' },
  { value: 'failed', label: 'Failed' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'exited', label: 'Exited' },
];

/** `/automations/:flowId/runs`: a version's run counts on its canvas, and the automation's runs. */
export function FlowRunsPage() {
  const { flowId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const toast = useToast();
  const canEdit = useCanEdit();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const [testing, setTesting] = useState(false);
  const [status, setStatus] = useState<RunStatus | ''>('');
  const loadFlow = useCallback((signal: AbortSignal) => fetchFlow(flowId, signal), [flowId]);
  const flow = useApiResource(loadFlow);
  const loadRuns = useCallback(
    (signal: AbortSignal) =>
      listRuns(flowId, { cursor, limit: PAGE_SIZE, status: status || undefined }, signal),
    [flowId, cursor, status],
  );
  const runs = useApiResource(loadRuns);
  usePolling(runs.reload, REFRESH_MS, cursors.length === 1);
  useDocumentTitle(`Runs · ${flow.data?.name ?? 'Automations'}`);

  if (flow.data === undefined) {
    return flow.loading ? (
      <LoadingState label="Loading the runs…" />
    ) : (
      <ErrorState
        error={flow.error}
        onRetry={flow.reload}
        fallbackTitle="The automation could not be loaded"
      />
    );
  }
  const requested = Number(search.get('version'));
  const version =
    search.has('version') && Number.isInteger(requested) && requested >= 0
      ? requested
      : (flow.data.activeVersion ?? TEST_RUN_VERSION);

  return (
    <>
      <PageHeader
        title={`Runs of ${flow.data.name}`}
        description={
          <span className="flows-inline">
            <Link to={AUTOMATIONS_PATH}>Automations</Link> <FlowStatusBadge status={flow.data.status} />
            {flow.data.activeVersion !== null && `Live version v${flow.data.activeVersion}`}
          </span>
        }
        actions={
          <>
            <Link className="ui-button ui-button--secondary" to={flowPath(flowId)}>
              Open editor
            </Link>
            {canEdit && (
              <Button onClick={() => setTesting(true)} disabled={flow.data.problems.length > 0}>
                Test run
              </Button>
            )}
          </>
        }
      />
      {flow.data.activeVersion === null && (
        <p className="flows-muted">
          Not published yet: only test runs of the draft start, and their counts show here.
        </p>
      )}
      <VersionOverview
        flowId={flowId}
        version={version}
        draftGraph={flow.data.graph}
        activeVersion={flow.data.activeVersion}
        onVersionChange={(next) =>
          setSearch(next === flow.data?.activeVersion ? {} : { version: String(next) })
        }
      />
      <div className="flows-runs-header">
        <h2 className="flows-section-title">Runs</h2>
        <Select
          label="Status"
          className="flows-runs-header__filter"
          value={status}
          placeholder="Any status"
          options={RUN_STATUS_OPTIONS}
          onChange={(event) => {
            setStatus(event.target.value as RunStatus | '');
            setCursors([undefined]);
          }}
        />
      </div>
      {runs.data === undefined ? (
        runs.loading ? (
          <LoadingState label="Loading runs…" />
        ) : (
          <ErrorState error={runs.error} onRetry={runs.reload} fallbackTitle="Could not load the runs" />
        )
      ) : (
        <>
          <DataTable
            caption="Runs"
            columns={runColumns}
            rows={runs.data.items}
            rowId={(run) => run.id}
            rowHeader="run"
            emptyMessage={
              status
                ? `No ${status} runs.`
                : 'No runs yet. Runs start when the trigger matches, or with a test run.'
            }
          />
          {(cursors.length > 1 || runs.data.nextCursor) && (
            <nav className="flows-pager" aria-label="Pages of runs">
              <Button
                onClick={() => setCursors((list) => list.slice(0, -1))}
                disabled={runs.loading || cursors.length === 1}
              >
                Newer
              </Button>
              <Button
                onClick={() => setCursors((list) => [...list, runs.data?.nextCursor ?? undefined])}
                disabled={runs.loading || !runs.data.nextCursor}
              >
                Older
              </Button>
            </nav>
          )}
        </>
      )}
      {testing && (
        <TestRunDialog
          flowId={flowId}
          open
          sample={sampleEventFor(flow.data.graph.nodes.find((node) => isTriggerType(node.type)))}
          onClose={() => setTesting(false)}
          onStarted={(run) => {
            setTesting(false);
            toast.show('Test run started.', { tone: 'success' });
            navigate(runPath(flowId, run.id));
          }}
        />
      )}
    </>
  );
}
