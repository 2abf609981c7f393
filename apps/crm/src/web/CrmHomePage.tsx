import { EmptyState, Icon, PageHeader, useDocumentTitle } from '@orchestrator/shared/ui';

/** Landing page of CRM; says honestly what will be here until the module is built. */
export function CrmHomePage() {
  useDocumentTitle('CRM');
  return (
    <>
      <PageHeader
        title="CRM"
        description="People, companies and deals, tracked in lists and pipelines you shape yourself."
      />
      <EmptyState
        icon={<Icon name="crm" size={20} />}
        title="The CRM is not built yet"
        description="This is where your people, companies and deals will be listed, with custom attributes, notes and pipeline boards for moving deals from stage to stage. Nothing is stored here yet."
      />
    </>
  );
}
