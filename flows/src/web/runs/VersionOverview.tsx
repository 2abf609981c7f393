import { useCallback } from 'react';
import { useApiResource } from '@orchestrator/shared/api-client';
import { ErrorState, LoadingState, Select } from '@orchestrator/shared/ui';
import type { FlowGraph } from '../../contracts/index.ts';
import { fetchVersion, listVersions } from '../api/flows-api.ts';
import { TEST_RUN_VERSION, fetchNodeCounts } from '../api/runs-api.ts';
import { ReadOnlyCanvas } from '../canvas/ReadOnlyCanvas.tsx';
import { usePolling } from '../common/use-polling.ts';

export interface VersionOverviewProps {
  flowId: string;
  /** A published version, or TEST_RUN_VERSION for the draft with its test runs' counts. */
  version: number;
  draftGraph: FlowGraph;
  activeVersion: number | null;
  onVersionChange: (version: number) => void;
}

const EMPTY_PROBLEMS = new Map<string, string[]>();

/** One version's canvas with, on each step, how many runs passed it, wait there now, or failed there. */
export function VersionOverview({
  flowId,
  version,
  draftGraph,
  activeVersion,
  onVersionChange,
}: VersionOverviewProps) {
  const loadVersion = useCallback(
    async (signal: AbortSignal) =>
      version === TEST_RUN_VERSION ? { graph: draftGraph } : fetchVersion(flowId, version, signal),
    [flowId, version, draftGraph],
  );
  const published = useApiResource(loadVersion);
  const loadCounts = useCallback(
    (signal: AbortSignal) => fetchNodeCounts(flowId, version, signal),
    [flowId, version],
  );
  const counts = useApiResource(loadCounts);
  usePolling(counts.reload, 5000, true);
  const loadVersions = useCallback((signal: AbortSignal) => listVersions(flowId, signal), [flowId]);
  const versions = useApiResource(loadVersions);

  const title = version === TEST_RUN_VERSION ? 'The draft' : `Version ${version}`;
  return (
    <section className="flows-overview" aria-label={`${title} with its run counts`}>
      {versions.data && (
        <Select
          className="flows-overview__version"
          label="Version"
          value={String(version)}
          options={[
            ...[...versions.data]
              .sort((a, b) => b.version - a.version)
              .map((item) => ({
                value: String(item.version),
                label: `v${item.version}${item.version === activeVersion ? ' (live)' : ''}${item.liveRuns ? ` · ${item.liveRuns} live runs` : ''}`,
              })),
            { value: String(TEST_RUN_VERSION), label: 'Test runs (the draft)' },
          ]}
          onChange={(event) => onVersionChange(Number(event.target.value))}
        />
      )}
      {published.data ? (
        <ReadOnlyCanvas
          graph={published.data.graph}
          overlay={{ problems: EMPTY_PROBLEMS, counts: counts.data }}
          label={`${title} of the automation`}
        />
      ) : published.loading ? (
        <LoadingState label="Loading the version…" />
      ) : (
        <ErrorState
          error={published.error}
          onRetry={published.reload}
          fallbackTitle="Could not load this version"
        />
      )}
    </section>
  );
}
