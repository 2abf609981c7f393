import { Card, EmptyState } from '@orchestrator/shared/ui';

/** Placeholder for the CRM and help desk records of this customer, until those modules exist. */
export function LinkedRecordsCard() {
  return (
    <Card title="Records in other modules">
      <EmptyState
        headingLevel={3}
        title="CRM and help desk are not built yet"
        description="When they are, this customer's contacts, deals and tickets will be linked here."
      />
    </Card>
  );
}
