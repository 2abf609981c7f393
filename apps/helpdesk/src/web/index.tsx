import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { HelpdeskHomePage } from './HelpdeskHomePage.tsx';

/**
 * The pages of Help desk. The web shell lazy-loads this entry and mounts it at `/helpdesk/*`,
 * so the routes here are relative to that mount point.
 */
export default function HelpdeskPages() {
  return (
    <Routes>
      <Route index element={<HelpdeskHomePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
