import { EmptyState, Icon, PageHeader, useDocumentTitle } from '@orchestrator/shared/ui';

/** Landing page of Forms; says honestly what will be here until the module is built. */
export function FormsHomePage() {
  useDocumentTitle('Forms');
  return (
    <>
      <PageHeader title="Forms" description="Forms and surveys you publish, and the answers they collect." />
      <EmptyState
        icon={<Icon name="forms" size={20} />}
        title="Forms are not built yet"
        description="This is where you will build forms, publish them at a public link and read each submission, which also updates the customer's profile. No forms can be created yet."
      />
    </>
  );
}
