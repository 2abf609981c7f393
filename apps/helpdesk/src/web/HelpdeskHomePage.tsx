import { EmptyState, Icon, PageHeader, useDocumentTitle } from '@orchestrator/shared/ui';

/** Landing page of Help desk; says honestly what will be here until the module is built. */
export function HelpdeskHomePage() {
  useDocumentTitle('Help desk');
  return (
    <>
      <PageHeader
        title="Help desk"
        description="A shared inbox where your team answers customer conversations together."
      />
      <EmptyState
        icon={<Icon name="helpdesk" size={20} />}
        title="The help desk is not built yet"
        description="This is where customer conversations will arrive as tickets you can assign, tag, reply to and resolve, with each customer's history beside them. No conversations are received yet."
      />
    </>
  );
}
