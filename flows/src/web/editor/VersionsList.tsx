import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { useApiResource } from '@orchestrator/shared/api-client';
import { Badge, Button, Spinner } from '@orchestrator/shared/ui';
import { listVersions } from '../api/flows-api.ts';
import { flowPath } from '../api/flow-paths.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';

export interface VersionsListProps {
  flowId: string;
  activeVersion: number | null;
  /** Changes when a version is published, to load the list again. */
  refreshKey: number;
}

/** Published versions, newest first: which one takes new runs and which still have runs in flight. */
export function VersionsList({ flowId, activeVersion, refreshKey }: VersionsListProps) {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- refreshKey reloads on purpose
  const load = useCallback((signal: AbortSignal) => listVersions(flowId, signal), [flowId, refreshKey]);
  const versions = useApiResource(load);
  if (versions.data === undefined) {
    return versions.loading ? (
      <Spinner />
    ) : (
      <p className="flows-muted">
        Could not load the versions.{' '}
        <Button size="sm" onClick={versions.reload}>
          Try again
        </Button>
      </p>
    );
  }
  if (versions.data.length === 0) return <p className="flows-muted">Not published yet.</p>;
  return (
    <ol className="flows-versions" aria-label="Published versions">
      {[...versions.data]
        .sort((a, b) => b.version - a.version)
        .map((version) => (
          <li key={version.version} className="flows-versions__item">
            <span className="flows-versions__name">v{version.version}</span>
            {version.version === activeVersion && <Badge tone="success">Takes new runs</Badge>}
            {version.liveRuns > 0 ? (
              <Link to={`${flowPath(flowId, 'runs')}?version=${version.version}`}>
                <Badge tone="info">{version.liveRuns.toLocaleString()} live runs</Badge>
              </Link>
            ) : (
              <span className="flows-muted">No live runs</span>
            )}
            <span className="flows-muted">
              <RelativeTime iso={version.publishedAt} />
            </span>
          </li>
        ))}
    </ol>
  );
}
