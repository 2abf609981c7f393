import { useCallback } from 'react';
import { useParams } from 'react-router-dom';
import { useApiResource } from '@orchestrator/shared/api-client';
import { PageHeader, useDocumentTitle } from '@orchestrator/shared/ui';
import { fetchForm } from '../api/forms-api.ts';
import { FormTabs } from '../common/FormTabs.tsx';
import { useCanEdit } from '../common/use-can-edit.ts';
import { NotificationsCard } from './NotificationsCard.tsx';
import { WebhooksCard } from './WebhooksCard.tsx';
import '../forms.css';

/** `/forms/:formId/integrations`: webhooks with their delivery logs, and e-mail notifications. */
export function IntegrationsPage() {
  const { formId = '' } = useParams();
  const canEdit = useCanEdit();
  const load = useCallback((signal: AbortSignal) => fetchForm(formId, signal), [formId]);
  const form = useApiResource(load);
  useDocumentTitle(form.data ? `Integrations · ${form.data.title}` : 'Integrations · Forms');
  return (
    <>
      <PageHeader
        title={form.data?.title ?? 'Integrations'}
        description="Where each new response goes besides the submissions table and the customer's profile."
      />
      <FormTabs formId={formId} />
      <div className="forms-integrations">
        <WebhooksCard formId={formId} canEdit={canEdit} />
        <NotificationsCard formId={formId} canEdit={canEdit} />
      </div>
    </>
  );
}
