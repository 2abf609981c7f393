import { Badge } from '@orchestrator/shared/ui';
import type { Delivery } from '../../contracts/index.ts';

/** Delivered, retrying (with when) or failed. */
export function DeliveryStatusBadge({ delivery }: { delivery: Pick<Delivery, 'status' | 'attempts'> }) {
  if (delivery.status === 'succeeded') return <Badge tone="success">Delivered</Badge>;
  if (delivery.status === 'failed') return <Badge tone="danger">Failed</Badge>;
  return <Badge tone="warning">{delivery.attempts === 0 ? 'Queued' : 'Retrying'}</Badge>;
}
