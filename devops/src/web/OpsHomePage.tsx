import { EmptyState, Icon, PageHeader, useDocumentTitle } from '@orchestrator/shared/ui';

/** Landing page of Ops; says honestly what will be here until the module is built. */
export function OpsHomePage() {
  useDocumentTitle('Ops');
  return (
    <>
      <PageHeader
        title="Ops"
        description="Deployments, backups, rollbacks and version checks, run as Kestra flows."
      />
      <EmptyState
        icon={<Icon name="ops" size={20} />}
        title="Ops is not built yet"
        description="This is where you will trigger deploy, backup and rollback flows and follow their executions and logs as they run. No flows can be started from here yet."
      />
    </>
  );
}
