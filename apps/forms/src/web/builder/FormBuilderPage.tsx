import { useCallback } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiProblem, useApiResource } from '@orchestrator/shared/api-client';
import { EmptyState, ErrorState, LoadingState, PageHeader, useDocumentTitle } from '@orchestrator/shared/ui';
import { FORMS_PATH, fetchForm } from '../api/forms-api.ts';
import { useCanEdit } from '../common/use-can-edit.ts';
import { FormBuilder } from './FormBuilder.tsx';
import '../forms.css';

/** `/forms/:formId/edit`: loads the form, then opens the builder on its draft. */
export function FormBuilderPage() {
  const { formId = '' } = useParams();
  const canEdit = useCanEdit();
  const load = useCallback((signal: AbortSignal) => fetchForm(formId, signal), [formId]);
  const form = useApiResource(load);
  useDocumentTitle('Form builder · Forms');

  if (form.data && form.data.id === formId) {
    return <FormBuilder key={form.data.id} initial={form.data} canEdit={canEdit} />;
  }
  if (form.loading) return <LoadingState label="Opening the form…" />;
  if (isApiProblem(form.error) && (form.error.status === 404 || form.error.status === 400)) {
    return (
      <>
        <PageHeader title="Form not found" />
        <EmptyState
          title="This form does not exist"
          description="It may have been deleted, or the link is wrong."
          actions={
            <Link className="ui-button ui-button--secondary" to={FORMS_PATH}>
              All forms
            </Link>
          }
        />
      </>
    );
  }
  return <ErrorState error={form.error} onRetry={form.reload} fallbackTitle="The form could not be opened" />;
}
