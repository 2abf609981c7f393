import { useCallback, useState } from 'react';
import { useApiResource } from '@orchestrator/shared/api-client';
import { Button, EmptyState, ErrorState, LoadingState, useToast } from '@orchestrator/shared/ui';
import type { Delivery, Webhook } from '../../contracts/index.ts';
import { listDeliveries, redeliver } from '../api/webhooks-api.ts';
import { DeliveryRow } from './DeliveryRow.tsx';

export interface DeliveryLogProps {
  formId: string;
  webhook: Webhook;
  canEdit: boolean;
}

/** What was sent to a webhook, newest first: status, the receiver's answer, attempts, and Redeliver. */
export function DeliveryLog({ formId, webhook, canEdit }: DeliveryLogProps) {
  const toast = useToast();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const load = useCallback(
    (signal: AbortSignal) => listDeliveries(formId, webhook.id, cursor, signal),
    [formId, webhook.id, cursor],
  );
  const page = useApiResource(load);
  const [busyId, setBusyId] = useState<string>();

  async function send(delivery: Delivery) {
    setBusyId(delivery.id);
    try {
      await redeliver(formId, webhook.id, delivery.id);
      toast.show('Sent again; the log shows the new attempt in a moment', { tone: 'success' });
      setTimeout(page.reload, 1500);
      page.reload();
    } catch (error) {
      toast.show(`Not sent: ${error instanceof Error ? error.message : 'try again'}`, { tone: 'danger' });
    } finally {
      setBusyId(undefined);
    }
  }

  let body;
  if (page.data === undefined) {
    body = page.loading ? (
      <LoadingState label="Loading deliveries…" />
    ) : (
      <ErrorState error={page.error} onRetry={page.reload} fallbackTitle="Could not load the deliveries" />
    );
  } else if (page.data.items.length === 0 && cursors.length === 1) {
    body = (
      <EmptyState
        headingLevel={3}
        title="Nothing sent yet"
        description="Each new response (not spam) is delivered here; every attempt is logged."
      />
    );
  } else {
    body = (
      <>
        <ul className="forms-deliveries" aria-busy={page.loading || undefined}>
          {page.data.items.map((delivery) => (
            <DeliveryRow
              key={delivery.id}
              delivery={delivery}
              onRedeliver={(target) => void send(target)}
              redelivering={busyId === delivery.id}
              canEdit={canEdit}
            />
          ))}
        </ul>
        <div className="forms-pager">
          <Button size="sm" onClick={page.reload} disabled={page.loading}>
            Refresh
          </Button>
          {cursors.length > 1 && (
            <Button size="sm" onClick={() => setCursors([undefined])} disabled={page.loading}>
              Newest
            </Button>
          )}
          {page.data.nextCursor && (
            <Button
              size="sm"
              onClick={() => setCursors((list) => [...list, page.data?.nextCursor ?? undefined])}
              disabled={page.loading}
            >
              Older
            </Button>
          )}
        </div>
      </>
    );
  }
  return (
    <section className="forms-delivery-log" aria-label={`Deliveries to ${webhook.url}`}>
      {body}
    </section>
  );
}
