import { EmptyState, Icon, PageHeader, useDocumentTitle } from '@orchestrator/shared/ui';

/** Landing page of Scheduling; says honestly what will be here until the module is built. */
export function SchedulingHomePage() {
  useDocumentTitle('Scheduling');
  return (
    <>
      <PageHeader
        title="Scheduling"
        description="Booking pages where customers pick a time that suits everyone."
      />
      <EmptyState
        icon={<Icon name="scheduling" size={20} />}
        title="Scheduling is not built yet"
        description="This is where your event types, weekly availability and upcoming bookings will appear, along with the public booking pages you share. No booking pages exist yet."
      />
    </>
  );
}
