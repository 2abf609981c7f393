import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { CustomerDetailPage } from './customers/CustomerDetailPage.tsx';
import { CustomersPage } from './customers/CustomersPage.tsx';
import { IdentitySettingsPage } from './identity/IdentitySettingsPage.tsx';
import { SegmentEditorPage } from './segments/SegmentEditorPage.tsx';
import { SegmentsPage } from './segments/SegmentsPage.tsx';
import { SourceDebuggerPage } from './sources/SourceDebuggerPage.tsx';
import { SourcesPage } from './sources/SourcesPage.tsx';
import { TraitDefinitionsPage } from './traits/TraitDefinitionsPage.tsx';

/**
 * The pages of Customers. The web shell lazy-loads this entry and mounts it at `/customers/*`,
 * so the routes here are relative to that mount point.
 */
export default function CustomersPages() {
  return (
    <Routes>
      <Route index element={<CustomersPage />} />
      <Route path="sources" element={<SourcesPage />} />
      <Route path="sources/:sourceId/debugger" element={<SourceDebuggerPage />} />
      <Route path="traits" element={<TraitDefinitionsPage />} />
      <Route path="identity" element={<IdentitySettingsPage />} />
      <Route path="segments" element={<SegmentsPage />} />
      <Route path="segments/new" element={<SegmentEditorPage />} />
      <Route path="segments/:segmentId" element={<SegmentEditorPage />} />
      <Route path=":profileId" element={<CustomerDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
