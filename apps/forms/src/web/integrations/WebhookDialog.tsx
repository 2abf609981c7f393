import { useState } from 'react';
import type { FormEvent } from 'react';
import { formErrorsFromProblem, isApiProblem } from '@orchestrator/shared/api-client';
import { Alert, Button, Checkbox, Dialog, TextField } from '@orchestrator/shared/ui';
import type { Webhook } from '../../contracts/index.ts';
import { createWebhook, updateWebhook } from '../api/webhooks-api.ts';

export interface WebhookDialogProps {
  formId: string;
  /** Edit this webhook; undefined: add a new one. */
  webhook: Webhook | undefined;
  open: boolean;
  onClose: () => void;
  onSaved: (webhook: Webhook, created: boolean) => void;
}

const FORM_ID = 'webhook-form';

/** Adds a webhook or changes its URL and whether it is on. */
export function WebhookDialog({ formId, webhook, open, onClose, onSaved }: WebhookDialogProps) {
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [enabled, setEnabled] = useState(webhook?.enabled ?? true);
  const [urlError, setUrlError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^https?:\/\/\S+$/i.test(url.trim())) {
      setUrlError('Enter the address that receives the POSTs, starting with https:// (or http://)');
      return;
    }
    setSaving(true);
    setUrlError(undefined);
    setFormError(undefined);
    try {
      const saved = webhook
        ? await updateWebhook(formId, webhook.id, { url: url.trim(), enabled })
        : await createWebhook(formId, { url: url.trim(), enabled });
      onSaved(saved, webhook === undefined);
    } catch (error) {
      if (isApiProblem(error)) {
        const { byField, other } = formErrorsFromProblem(error, ['url'] as const);
        setUrlError(byField.url);
        setFormError(other[0] ?? (byField.url ? undefined : (error.detail ?? error.title)));
      } else {
        setFormError('The webhook could not be saved. Try again.');
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={saving ? () => undefined : onClose}
      title={webhook ? 'Edit webhook' : 'Add a webhook'}
      footer={
        <>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form={FORM_ID} loading={saving}>
            {webhook ? 'Save' : 'Add webhook'}
          </Button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={(event) => void submit(event)} noValidate className="forms-dialog-form">
        {formError && <Alert tone="danger">{formError}</Alert>}
        <TextField
          label="URL"
          type="url"
          placeholder="https://hooks.example.org/forms"
          hint="Each new response (not spam) is POSTed here as JSON, signed with the webhook's secret. Failed deliveries are retried for about a day."
          value={url}
          error={urlError}
          maxLength={2000}
          required
          data-autofocus
          onChange={(event) => setUrl(event.target.value)}
        />
        <Checkbox label="Enabled" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
      </form>
    </Dialog>
  );
}
