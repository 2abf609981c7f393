import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { FormsHomePage } from './FormsHomePage.tsx';

/**
 * The pages of Forms. The web shell lazy-loads this entry and mounts it at `/forms/*`,
 * so the routes here are relative to that mount point.
 */
export default function FormsPages() {
  return (
    <Routes>
      <Route index element={<FormsHomePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
