import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { CrmHomePage } from './CrmHomePage.tsx';

/**
 * The pages of CRM. The web shell lazy-loads this entry and mounts it at `/crm/*`,
 * so the routes here are relative to that mount point.
 */
export default function CrmPages() {
  return (
    <Routes>
      <Route index element={<CrmHomePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
