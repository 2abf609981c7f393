import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { flowPath } from './api/flow-paths.ts';
import { FlowEditorPage } from './editor/FlowEditorPage.tsx';
import { FlowsListPage } from './list/FlowsListPage.tsx';
import { FlowRunsPage } from './runs/FlowRunsPage.tsx';
import { RunDetailPage } from './runs/RunDetailPage.tsx';

function FlowHome() {
  const { flowId = '' } = useParams();
  return <Navigate to={flowPath(flowId)} replace />;
}

/**
 * The pages of Automations. The web shell lazy-loads this entry and mounts it at `/automations/*`,
 * so the routes here are relative to that mount point.
 */
export default function AutomationsPages() {
  return (
    <Routes>
      <Route index element={<FlowsListPage />} />
      <Route path=":flowId" element={<FlowHome />} />
      <Route path=":flowId/edit" element={<FlowEditorPage />} />
      <Route path=":flowId/runs" element={<FlowRunsPage />} />
      <Route path=":flowId/runs/:runId" element={<RunDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
