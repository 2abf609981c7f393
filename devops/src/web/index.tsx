import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { OpsHomePage } from './OpsHomePage.tsx';

/**
 * The pages of Ops. The web shell lazy-loads this entry and mounts it at `/ops/*`,
 * so the routes here are relative to that mount point.
 */
export default function OpsPages() {
  return (
    <Routes>
      <Route index element={<OpsHomePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
