import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { CustomersHomePage } from './CustomersHomePage.tsx';

/**
 * The pages of Customers. The web shell lazy-loads this entry and mounts it at `/customers/*`,
 * so the routes here are relative to that mount point.
 */
export default function CustomersPages() {
  return (
    <Routes>
      <Route index element={<CustomersHomePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
