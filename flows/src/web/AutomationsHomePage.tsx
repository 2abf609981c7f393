import { EmptyState, Icon, PageHeader, useDocumentTitle } from '@orchestrator/shared/ui';

/** Landing page of Automations; says honestly what will be here until the module is built. */
export function AutomationsHomePage() {
  useDocumentTitle('Automations');
  return (
    <>
      <PageHeader
        title="Automations"
        description="Customer journeys you draw as flows of triggers, waits, conditions and actions."
      />
      <EmptyState
        icon={<Icon name="automations" size={20} />}
        title="Automations are not built yet"
        description="This is where you will draw automations on a canvas, start them from customer events or segments, and follow every run step by step. No automations can be created yet."
      />
    </>
  );
}
