import { Card, EmptyState } from '@orchestrator/shared/ui';

/** Placeholder until segments exist; says so rather than showing an empty list that looks real. */
export function SegmentsCard() {
  return (
    <Card title="Segments">
      <EmptyState
        headingLevel={3}
        title="Segments are not built yet"
        description="Once segments exist, the ones this customer belongs to appear here, with when they entered and left."
      />
    </Card>
  );
}
