import { EmptyState, Icon, PageHeader, useDocumentTitle } from '@orchestrator/shared/ui';

/** Landing page of Customers; says honestly what will be here until the module is built. */
export function CustomersHomePage() {
  useDocumentTitle('Customers');
  return (
    <>
      <PageHeader
        title="Customers"
        description="One profile per customer, built from everything they do across the suite."
      />
      <EmptyState
        icon={<Icon name="customers" size={20} />}
        title="Customer profiles are not built yet"
        description="This is where each customer's unified profile will appear: the identities merged into it, their traits, a timeline of events from CRM, help desk, scheduling, forms and social, and the segments they belong to. Nothing is collected or shown yet."
      />
    </>
  );
}
