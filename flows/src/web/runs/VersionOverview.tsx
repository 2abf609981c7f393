import { useCallback } from 'react';
import { useApiResource } from '@orchestrator/shared/api-client';
import { ErrorState, LoadingState, Select } from '@orchestrator/shared/ui';
import { fetchVersion, listVersions } from '../api/flows-api.ts';
import { fetchNodeCounts } from '../api/runs-api.ts';
import { ReadOnlyCanvas } from '../canvas/ReadOnlyCanvas.tsx';
import { usePolling } from '../common/use-polling.ts';

export interface VersionOverviewProps {
  flowId: string;
  version: number;
  activeVersion: number | null;
  onVersionChange: (version: number) => void;
}

const EMPTY_PROBLEMS = new Map<string, string[]>();

/** One version's canvas with, on each step, how many runs passed it, wait there now, or failed there. */
export function VersionOverview({ flowId, version, activeVersion, onVersionChange }: VersionOverviewProps) {
  const loadVersion = useCallback(
    (signal: AbortSignal) => fetchVersion(flowId, version, signal),
    [flowId, version],
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

  return (
    <section className="flows-overview" aria-label={`Version ${version} with its run counts`}>
      {versions.data && versions.data.length > 1 && (
        <Select
          className="flows-overview__version"
          label="Version"
          value={String(version)}
          options={[...versions.data]
            .sort((a, b) => b.version - a.version)
            .map((item) => ({
              value: String(item.version),
              label: `v${item.version}${item.version === activeVersion ? ' (live)' : ''}${item.liveRuns ? ` · ${item.liveRuns} live runs` : ''}`,
            }))}
          onChange={(event) => onVersionChange(Number(event.target.value))}
        />
      )}
      {published.data ? (
        <ReadOnlyCanvas
          graph={published.data.graph}
          overlay={{ problems: EMPTY_PROBLEMS, counts: counts.data }}
          label={`Version ${version} of the automation`}
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
