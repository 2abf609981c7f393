import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiProblem, useApiResource } from '@orchestrator/shared/api-client';
import {
  Alert,
  Badge,
  Button,
  EmptyState,
  ErrorState,
  LoadingState,
  PageHeader,
  useDocumentTitle,
  useToast,
} from '@orchestrator/shared/ui';
import type { FlowGraph } from '../../contracts/index.ts';
import { fetchVersion } from '../api/flows-api.ts';
import { TEST_RUN_VERSION, cancelRun, fetchRun, rerunFromFailed } from '../api/runs-api.ts';
import { flowPath } from '../api/flow-paths.ts';
import { ReadOnlyCanvas } from '../canvas/ReadOnlyCanvas.tsx';
import { formatDurationMs, durationBetween } from '../common/format-time.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { RunStatusBadge } from '../common/RunStatusBadge.tsx';
import { useCanEdit } from '../common/use-can-edit.ts';
import { usePolling } from '../common/use-polling.ts';
import { RunTimeline } from './RunTimeline.tsx';
import { stepStatusesOf } from './step-statuses.ts';
import '../flows.css';

const LIVE_REFRESH_MS = 1500;
const EMPTY_PROBLEMS = new Map<string, string[]>();

/** `/automations/:flowId/runs/:runId`: the run's version with each step's status, and its timeline. */
export function RunDetailPage() {
  const { flowId = '', runId = '' } = useParams();
  const toast = useToast();
  const canEdit = useCanEdit();
  const [busy, setBusy] = useState<'cancel' | 'rerun'>();
  const [highlighted, setHighlighted] = useState<string>();
  const loadRun = useCallback((signal: AbortSignal) => fetchRun(runId, signal), [runId]);
  const run = useApiResource(loadRun);
  const live = run.data?.status === 'running' || run.data?.status === 'waiting';
  usePolling(run.reload, LIVE_REFRESH_MS, live);
  const version = run.data?.version;
  const loadVersion = useCallback(
    async (signal: AbortSignal) => {
      // Test runs (version 0) bring the draft they ran along: later edits of the draft are not theirs.
      if (version === undefined || version === TEST_RUN_VERSION) return undefined;
      return fetchVersion(flowId, version, signal);
    },
    [flowId, version],
  );
  const published = useApiResource(loadVersion);
  // Each poll parses a new copy of the same tested graph; one object per content keeps the canvas still.
  const testedGraphJson = run.data?.graph && JSON.stringify(run.data.graph);
  const testedGraph = useMemo<FlowGraph | undefined>(
    () => (testedGraphJson ? JSON.parse(testedGraphJson) : undefined),
    [testedGraphJson],
  );
  const graph = version === TEST_RUN_VERSION ? testedGraph : published.data?.graph;
  const statuses = useMemo(() => stepStatusesOf(run.data?.steps ?? []), [run.data?.steps]);
  useDocumentTitle('Run · Automations');

  async function act(kind: 'cancel' | 'rerun') {
    setBusy(kind);
    try {
      await (kind === 'cancel' ? cancelRun(runId) : rerunFromFailed(runId));
      toast.show(kind === 'cancel' ? 'Run cancelled.' : 'Run restarted from the failed step.', {
        tone: 'success',
      });
      run.reload();
    } catch (error) {
      toast.show(
        `${kind === 'cancel' ? 'Not cancelled' : 'Not restarted'}: ${error instanceof Error ? error.message : 'try again'}`,
        {
          tone: 'danger',
        },
      );
    } finally {
      setBusy(undefined);
    }
  }

  if (run.data === undefined || run.data.id !== runId) {
    if (run.loading) return <LoadingState label="Loading the run…" />;
    if (isApiProblem(run.error) && (run.error.status === 404 || run.error.status === 400)) {
      return (
        <EmptyState
          title="This run does not exist"
          description="It may belong to an automation that was deleted."
        />
      );
    }
    return <ErrorState error={run.error} onRetry={run.reload} fallbackTitle="Could not load the run" />;
  }
  const data = run.data;
  return (
    <>
      <PageHeader
        title={`Run ${data.id.slice(0, 8)}`}
        description={
          <span className="flows-inline">
            <Link to={flowPath(flowId, 'runs')}>All runs</Link>
            <RunStatusBadge status={data.status} />
            {data.test && <Badge tone="warning">Test run</Badge>}
            <span>{data.version === TEST_RUN_VERSION ? 'Draft' : `Version v${data.version}`}</span>
            <span>
              Started <RelativeTime iso={data.startedAt} />
            </span>
            <span>{formatDurationMs(durationBetween(data.startedAt, data.finishedAt))}</span>
          </span>
        }
        actions={
          canEdit && (
            <>
              {live && (
                <Button variant="danger" loading={busy === 'cancel'} onClick={() => void act('cancel')}>
                  Cancel run
                </Button>
              )}
              {data.status === 'failed' && (
                <Button variant="primary" loading={busy === 'rerun'} onClick={() => void act('rerun')}>
                  Re-run from failed step
                </Button>
              )}
            </>
          )
        }
      />
      {data.error && (
        <Alert tone="danger" title="Why the run failed">
          {data.error}
        </Alert>
      )}
      {data.status === 'waiting' && data.resumeAt && (
        <Alert tone="info" title="Waiting">
          Resumes <RelativeTime iso={data.resumeAt} />.
        </Alert>
      )}
      <dl className="flows-facts">
        <dt>Trigger</dt>
        <dd>{data.trigger.event}</dd>
        <dt>Profile</dt>
        <dd>
          {data.profileId ? (
            <Link to={`/customers/${encodeURIComponent(data.profileId)}`}>{data.profileId}</Link>
          ) : (
            'None'
          )}
        </dd>
      </dl>
      <div className="flows-run">
        {graph ? (
          <ReadOnlyCanvas
            graph={graph}
            overlay={{ problems: EMPTY_PROBLEMS, statuses }}
            label={`${data.version === TEST_RUN_VERSION ? 'The draft as tested' : `Version ${data.version}`} with this run's step statuses`}
            onNodeClick={setHighlighted}
          />
        ) : published.loading ? (
          <LoadingState label="Loading the version…" />
        ) : (
          <ErrorState
            error={published.error}
            onRetry={published.reload}
            fallbackTitle="Could not load the run's version"
          />
        )}
        <section className="flows-run__timeline" aria-labelledby="flows-timeline-title">
          <h2 id="flows-timeline-title" className="flows-section-title">
            Timeline
          </h2>
          <RunTimeline steps={data.steps} graph={graph} highlightedNode={highlighted} />
        </section>
      </div>
    </>
  );
}
