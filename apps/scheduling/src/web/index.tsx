import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { SchedulingHomePage } from './SchedulingHomePage.tsx';

/**
 * The pages of Scheduling. The web shell lazy-loads this entry and mounts it at `/scheduling/*`,
 * so the routes here are relative to that mount point.
 */
export default function SchedulingPages() {
  return (
    <Routes>
      <Route index element={<SchedulingHomePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
