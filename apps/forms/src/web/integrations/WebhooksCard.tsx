import { useCallback, useState } from 'react';
import { useApiResource } from '@orchestrator/shared/api-client';
import { Button, Card, EmptyState, ErrorState, LoadingState, useToast } from '@orchestrator/shared/ui';
import type { Webhook } from '../../contracts/index.ts';
import { deleteWebhook, listWebhooks, updateWebhook } from '../api/webhooks-api.ts';
import { ConfirmDialog } from '@orchestrator/shared/ui';
import { WebhookDialog } from './WebhookDialog.tsx';
import { WebhookItem } from './WebhookItem.tsx';

type Confirmation = { kind: 'delete' | 'rotate'; webhook: Webhook };

/** The form's webhooks: add, edit, disable, rotate the secret, delete, and each one's delivery log. */
export function WebhooksCard({ formId, canEdit }: { formId: string; canEdit: boolean }) {
  const toast = useToast();
  const load = useCallback((signal: AbortSignal) => listWebhooks(formId, signal), [formId]);
  const webhooks = useApiResource(load);
  const [editing, setEditing] = useState<Webhook | 'new'>();
  const [confirming, setConfirming] = useState<Confirmation>();
  const [busyId, setBusyId] = useState<string>();

  async function change(webhook: Webhook, work: () => Promise<unknown>, done: string) {
    setBusyId(webhook.id);
    try {
      await work();
      toast.show(done, { tone: 'success' });
      setConfirming(undefined);
      webhooks.reload();
    } catch (error) {
      toast.show(`Not changed: ${error instanceof Error ? error.message : 'try again'}`, { tone: 'danger' });
    } finally {
      setBusyId(undefined);
    }
  }

  const addButton = canEdit && (
    <Button size="sm" variant="primary" onClick={() => setEditing('new')}>
      Add webhook
    </Button>
  );

  let body;
  if (webhooks.data === undefined) {
    body = webhooks.loading ? (
      <LoadingState label="Loading webhooks…" />
    ) : (
      <ErrorState
        error={webhooks.error}
        onRetry={webhooks.reload}
        fallbackTitle="Could not load the webhooks"
      />
    );
  } else if (webhooks.data.length === 0) {
    body = (
      <EmptyState
        headingLevel={3}
        title="No webhooks yet"
        description="Send each new response to your own app, Zapier or Make as it arrives: signed, retried when the receiver fails, and logged."
        actions={addButton || undefined}
      />
    );
  } else {
    body = (
      <ul className="forms-webhooks">
        {webhooks.data.map((webhook) => (
          <WebhookItem
            key={webhook.id}
            formId={formId}
            webhook={webhook}
            canEdit={canEdit}
            busy={busyId === webhook.id}
            onEdit={() => setEditing(webhook)}
            onToggle={() =>
              void change(
                webhook,
                () => updateWebhook(formId, webhook.id, { enabled: !webhook.enabled }),
                webhook.enabled ? 'Webhook disabled: nothing new is sent' : 'Webhook enabled',
              )
            }
            onRotate={() => setConfirming({ kind: 'rotate', webhook })}
            onDelete={() => setConfirming({ kind: 'delete', webhook })}
          />
        ))}
      </ul>
    );
  }

  return (
    <Card
      title="Webhooks"
      actions={webhooks.data?.length ? addButton : undefined}
      className="forms-integration-card"
    >
      {body}
      {editing !== undefined && (
        <WebhookDialog
          key={editing === 'new' ? 'new' : editing.id}
          formId={formId}
          webhook={editing === 'new' ? undefined : editing}
          open
          onClose={() => setEditing(undefined)}
          onSaved={(_saved, created) => {
            setEditing(undefined);
            toast.show(
              created ? 'Webhook added; copy its signing secret to verify the POSTs' : 'Webhook saved',
              {
                tone: 'success',
              },
            );
            webhooks.reload();
          }}
        />
      )}
      <ConfirmDialog
        open={confirming !== undefined}
        title={confirming?.kind === 'rotate' ? 'Rotate the signing secret?' : 'Delete this webhook?'}
        confirmLabel={confirming?.kind === 'rotate' ? 'Rotate secret' : 'Delete webhook'}
        busy={busyId !== undefined && busyId === confirming?.webhook.id}
        onCancel={() => setConfirming(undefined)}
        onConfirm={() => {
          if (!confirming) return;
          const { kind, webhook } = confirming;
          void (kind === 'rotate'
            ? change(
                webhook,
                () => updateWebhook(formId, webhook.id, { rotateSecret: true }),
                'New secret made; update your receiver',
              )
            : change(webhook, () => deleteWebhook(formId, webhook.id), 'Webhook deleted'));
        }}
      >
        {confirming?.kind === 'rotate' ? (
          <p>
            Deliveries are signed with a new secret from now on; a receiver that checks the old one refuses
            them.
          </p>
        ) : (
          <p>Nothing more is sent to {confirming?.webhook.url}, and its delivery log is deleted.</p>
        )}
      </ConfirmDialog>
    </Card>
  );
}
