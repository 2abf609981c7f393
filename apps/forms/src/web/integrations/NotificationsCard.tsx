import { useCallback, useState } from 'react';
import { formErrorsFromProblem, isApiProblem, useApiResource } from '@orchestrator/shared/api-client';
import { Button, Card, ErrorState, LoadingState, useToast } from '@orchestrator/shared/ui';
import { definitionOf, fetchForm, saveForm } from '../api/forms-api.ts';
import { EmailListField } from '../builder/EmailListField.tsx';

/** Who gets an e-mail for each new response (the same setting as in the builder's form settings). */
export function NotificationsCard({ formId, canEdit }: { formId: string; canEdit: boolean }) {
  const toast = useToast();
  const load = useCallback((signal: AbortSignal) => fetchForm(formId, signal), [formId]);
  const form = useApiResource(load);
  const [emails, setEmails] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const stored = form.data?.settings.notifyEmails ?? [];
  const shown = emails ?? stored;
  const changed = emails !== undefined && emails.join('\n') !== stored.join('\n');

  async function save() {
    if (!form.data) return;
    setSaving(true);
    setError(undefined);
    try {
      // The latest draft, so nothing edited meanwhile in the builder is overwritten.
      const latest = await fetchForm(formId);
      const definition = definitionOf(latest);
      await saveForm(formId, { ...definition, settings: { ...definition.settings, notifyEmails: shown } });
      toast.show(shown.length ? 'Recipients saved' : 'No one is e-mailed about new responses now', {
        tone: 'success',
      });
      setEmails(undefined);
      form.reload();
    } catch (failure) {
      if (isApiProblem(failure)) {
        const { other } = formErrorsFromProblem(failure, [] as const);
        setError(other.find((text) => text.includes('notifyEmails')) ?? failure.detail ?? failure.title);
      } else setError('Not saved. Try again.');
    } finally {
      setSaving(false);
    }
  }

  let body;
  if (!form.data) {
    body = form.loading ? (
      <LoadingState label="Loading…" />
    ) : (
      <ErrorState error={form.error} onRetry={form.reload} fallbackTitle="Could not load the recipients" />
    );
  } else {
    body = (
      <div className="forms-notify">
        <EmailListField
          label="E-mail each new response to"
          hint="One address per line, up to 20. Spam is not sent. Like every setting, a change applies to responses once the form is published again."
          emails={shown}
          onChange={setEmails}
          error={error}
          disabled={!canEdit || saving}
        />
        {canEdit && (
          <div>
            <Button variant="primary" onClick={() => void save()} loading={saving} disabled={!changed}>
              Save recipients
            </Button>
          </div>
        )}
      </div>
    );
  }
  return (
    <Card title="E-mail notifications" className="forms-integration-card">
      {body}
    </Card>
  );
}
