import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { formPath } from './api/forms-api.ts';
import { FormBuilderPage } from './builder/FormBuilderPage.tsx';
import { IntegrationsPage } from './integrations/IntegrationsPage.tsx';
import { FormsListPage } from './list/FormsListPage.tsx';
import { SubmissionsPage } from './submissions/SubmissionsPage.tsx';

function FormHome() {
  const { formId = '' } = useParams();
  return <Navigate to={formPath(formId, 'edit')} replace />;
}

/**
 * The pages of Forms. The web shell lazy-loads this entry and mounts it at `/forms/*`,
 * so the routes here are relative to that mount point. The public page is another entry (./public.tsx).
 */
export default function FormsPages() {
  return (
    <Routes>
      <Route index element={<FormsListPage />} />
      <Route path=":formId" element={<FormHome />} />
      <Route path=":formId/edit" element={<FormBuilderPage />} />
      <Route path=":formId/submissions" element={<SubmissionsPage />} />
      <Route path=":formId/integrations" element={<IntegrationsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
