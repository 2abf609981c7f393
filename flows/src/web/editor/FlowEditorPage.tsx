import { useCallback } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ReactFlowProvider } from '@xyflow/react';
import { isApiProblem, useApiResource } from '@orchestrator/shared/api-client';
import { EmptyState, ErrorState, LoadingState, PageHeader, useDocumentTitle } from '@orchestrator/shared/ui';
import { fetchCatalog, fetchFlow } from '../api/flows-api.ts';
import { AUTOMATIONS_PATH } from '../api/flow-paths.ts';
import { useCanEdit } from '../common/use-can-edit.ts';
import { FlowEditor } from './FlowEditor.tsx';
import '../flows.css';

/** `/automations/:flowId/edit`: loads the automation and the server's catalog, then opens the editor. */
export function FlowEditorPage() {
  const { flowId = '' } = useParams();
  const canEdit = useCanEdit();
  const loadFlow = useCallback((signal: AbortSignal) => fetchFlow(flowId, signal), [flowId]);
  const flow = useApiResource(loadFlow);
  const catalog = useApiResource(fetchCatalog);
  useDocumentTitle('Editor · Automations');

  // The catalog only narrows the palette; without it the editor still opens (with every step offered).
  if (flow.data && flow.data.id === flowId && !catalog.loading) {
    return (
      <ReactFlowProvider>
        <FlowEditor key={flow.data.id} initial={flow.data} catalog={catalog.data} canEdit={canEdit} />
      </ReactFlowProvider>
    );
  }
  if (flow.loading || catalog.loading) return <LoadingState label="Opening the automation…" />;
  if (isApiProblem(flow.error) && (flow.error.status === 404 || flow.error.status === 400)) {
    return (
      <>
        <PageHeader title="Automation not found" />
        <EmptyState
          title="This automation does not exist"
          description="It may have been deleted, or the link is wrong."
          actions={
            <Link className="ui-button ui-button--secondary" to={AUTOMATIONS_PATH}>
              All automations
            </Link>
          }
        />
      </>
    );
  }
  return (
    <ErrorState error={flow.error} onRetry={flow.reload} fallbackTitle="The automation could not be opened" />
  );
}
