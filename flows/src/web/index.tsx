import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { AutomationsHomePage } from './AutomationsHomePage.tsx';

/**
 * The pages of Automations. The web shell lazy-loads this entry and mounts it at `/automations/*`,
 * so the routes here are relative to that mount point.
 */
export default function AutomationsPages() {
  return (
    <Routes>
      <Route index element={<AutomationsHomePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
