import { Button } from '@orchestrator/shared/ui';
import type { Delivery } from '../../contracts/index.ts';
import { formatExact } from '../common/format-time.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { DeliveryStatusBadge } from './DeliveryStatusBadge.tsx';

export interface DeliveryRowProps {
  delivery: Delivery;
  onRedeliver: (delivery: Delivery) => void;
  redelivering: boolean;
  canEdit: boolean;
}

/** One delivery: status, the receiver's answer, attempts (each in the details), and Redeliver. */
export function DeliveryRow({ delivery, onRedeliver, redelivering, canEdit }: DeliveryRowProps) {
  const answer = delivery.responseStatus ?? delivery.error ?? '—';
  return (
    <li className="forms-delivery">
      <div className="forms-delivery__line">
        <DeliveryStatusBadge delivery={delivery} />
        <span className="forms-delivery__code" title="HTTP status of the receiver's answer">
          {typeof answer === 'number' ? `HTTP ${answer}` : answer}
        </span>
        <span className="forms-muted">
          {delivery.attempts} {delivery.attempts === 1 ? 'attempt' : 'attempts'}
          {delivery.status === 'pending' && delivery.nextAttemptAt && (
            <>
              {' '}
              · next <RelativeTime iso={delivery.nextAttemptAt} />
            </>
          )}
        </span>
        <span className="forms-muted forms-delivery__when">
          <RelativeTime iso={delivery.createdAt} />
        </span>
        {canEdit && (
          <Button size="sm" onClick={() => onRedeliver(delivery)} loading={redelivering}>
            Redeliver
            <span className="ui-visually-hidden"> the delivery of {formatExact(delivery.createdAt)}</span>
          </Button>
        )}
      </div>
      {(delivery.responseBodyExcerpt || delivery.log.length > 0) && (
        <details className="forms-delivery__details">
          <summary>Response and attempts</summary>
          {delivery.responseBodyExcerpt && (
            <pre className="forms-code-block forms-delivery__body">{delivery.responseBodyExcerpt}</pre>
          )}
          <ol className="forms-delivery__attempts">
            {delivery.log.map((attempt) => (
              <li key={attempt.attempt}>
                Attempt {attempt.attempt}, {formatExact(attempt.attemptedAt)}:{' '}
                {attempt.succeeded ? 'delivered' : 'failed'}
                {attempt.responseStatus !== null && ` (HTTP ${attempt.responseStatus})`}
                {attempt.error && ` — ${attempt.error}`} in {attempt.durationMs} ms
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}
