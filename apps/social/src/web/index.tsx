import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { SocialHomePage } from './SocialHomePage.tsx';

/**
 * The pages of Social. The web shell lazy-loads this entry and mounts it at `/social/*`,
 * so the routes here are relative to that mount point.
 */
export default function SocialPages() {
  return (
    <Routes>
      <Route index element={<SocialHomePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
