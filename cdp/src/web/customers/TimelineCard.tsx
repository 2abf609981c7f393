import { Button, Card, EmptyState, ErrorState, LoadingState } from '@orchestrator/shared/ui';
import { useApiResource } from '@orchestrator/shared/api-client';
import { fetchSourceNames } from './customers-api.ts';
import { TimelineEvent } from './TimelineEvent.tsx';
import { useTimeline } from './use-timeline.ts';

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/** The profile's events from every source and module, newest first, with "Load more". */
export function TimelineCard({ profileId }: { profileId: string }) {
  const timeline = useTimeline(profileId);
  const sources = useApiResource(fetchSourceNames);
  const sourceNames = sources.data ?? NO_NAMES;

  let body;
  if (timeline.events.length === 0) {
    if (timeline.loading) body = <LoadingState label="Loading events…" />;
    else if (timeline.error) {
      body = (
        <ErrorState
          error={timeline.error}
          onRetry={timeline.loadMore}
          fallbackTitle="Could not load the events"
        />
      );
    } else {
      body = (
        <EmptyState
          headingLevel={3}
          title="No events yet"
          description="Events this customer triggers on your sites, apps and in the suite's modules appear here."
        />
      );
    }
  } else {
    body = (
      <>
        <ol className="cdp-timeline" aria-label="Events, newest first">
          {timeline.events.map((event) => (
            <TimelineEvent key={event.id} event={event} sourceNames={sourceNames} />
          ))}
        </ol>
        {timeline.error !== null && (
          <p className="cdp-error-text" role="alert">
            Could not load more events.
          </p>
        )}
        {(timeline.hasMore || timeline.error !== null) && (
          <div className="cdp-timeline__more">
            <Button onClick={timeline.loadMore} loading={timeline.loading}>
              {timeline.error !== null ? 'Try again' : 'Load more'}
            </Button>
          </div>
        )}
      </>
    );
  }
  return <Card title="Timeline">{body}</Card>;
}
