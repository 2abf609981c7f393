import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApiResource } from '@orchestrator/shared/api-client';
import { Alert, Button, Card, EmptyState, ErrorState, LoadingState } from '@orchestrator/shared/ui';
import { customerPath } from '../customers/customers-api.ts';
import { profileDisplayName, profileEmail } from '../customers/profile-display.ts';
import { RelativeTime } from '../customers/RelativeTime.tsx';
import { fetchMembers, type SegmentMember } from './segments-api.ts';

/** The customers in a segment now, most recent entries first, twenty at a time. */
export function SegmentMembersCard({ segmentId }: { segmentId: string }) {
  const [cursor, setCursor] = useState<string>();
  const [earlier, setEarlier] = useState<SegmentMember[]>([]);
  const load = useCallback(
    (signal: AbortSignal) => fetchMembers(segmentId, cursor, signal),
    [segmentId, cursor],
  );
  const page = useApiResource(load);

  const members = [...earlier, ...(page.loading && cursor !== undefined ? [] : (page.data?.items ?? []))];
  let body;
  if (page.data === undefined) {
    body = page.loading ? (
      <LoadingState label="Loading members…" />
    ) : (
      <ErrorState error={page.error} onRetry={page.reload} fallbackTitle="Could not load the members" />
    );
  } else if (members.length === 0 && !page.loading) {
    body = (
      <EmptyState
        headingLevel={3}
        title="No customers in this segment"
        description="Customers enter as soon as they match the rule: when their traits change, when they do something, or when the segment is evaluated."
      />
    );
  } else {
    body = (
      <>
        <ul className="seg-members">
          {members.map(({ profile, enteredAt }) => {
            const name = profileDisplayName(profile);
            const email = profileEmail(profile);
            return (
              <li key={profile.id} className="seg-members__item">
                <Link to={customerPath(profile.id)}>{name}</Link>
                {email && email !== name && <span className="cdp-muted"> · {email}</span>}
                <span className="cdp-muted seg-members__since">
                  entered <RelativeTime iso={enteredAt} />
                </span>
              </li>
            );
          })}
        </ul>
        {page.error !== null && !page.loading && (
          <Alert tone="danger" title="Could not load more members">
            <Button size="sm" onClick={page.reload}>
              Try again
            </Button>
          </Alert>
        )}
        {page.data.nextCursor && (
          <Button
            size="sm"
            loading={page.loading}
            onClick={() => {
              setEarlier(members);
              setCursor(page.data?.nextCursor ?? undefined);
            }}
          >
            Show more members
          </Button>
        )}
      </>
    );
  }
  return (
    <Card title="Members" className="seg-members-card">
      {body}
    </Card>
  );
}
