import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { useApiResource } from '@orchestrator/shared/api-client';
import { Badge, Card, EmptyState, ErrorState, LoadingState } from '@orchestrator/shared/ui';
import { RelativeTime } from '../customers/RelativeTime.tsx';
import { fetchProfileMemberships, SEGMENTS_PATH, segmentPath } from './segments-api.ts';

/** The segments a customer is in now, and those they were in, with when they entered and left. */
export function ProfileSegmentsCard({ profileId }: { profileId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchProfileMemberships(profileId, signal), [profileId]);
  const memberships = useApiResource(load);

  let body;
  if (memberships.data === undefined) {
    body = memberships.loading ? (
      <LoadingState label="Loading segments…" />
    ) : (
      <ErrorState
        error={memberships.error}
        onRetry={memberships.reload}
        fallbackTitle="Could not load the segments"
      />
    );
  } else if (memberships.data.length === 0) {
    body = (
      <EmptyState
        headingLevel={3}
        title="In no segment"
        description={
          <>
            This customer matches none of the <Link to={SEGMENTS_PATH}>workspace’s segments</Link>.
          </>
        }
      />
    );
  } else {
    body = (
      <ul className="seg-stays">
        {memberships.data.map((stay) => (
          <li key={`${stay.segmentId}-${stay.enteredAt}`} className="seg-stays__item">
            <p>
              <Link to={segmentPath(stay.segmentId)}>{stay.segmentName}</Link>{' '}
              {stay.exitedAt === null ? <Badge tone="success">Member</Badge> : <Badge>Left</Badge>}
            </p>
            <p className="cdp-muted">
              entered <RelativeTime iso={stay.enteredAt} />
              {stay.exitedAt && (
                <>
                  {' '}
                  · left <RelativeTime iso={stay.exitedAt} />
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    );
  }
  return <Card title="Segments">{body}</Card>;
}
