import { Badge } from '@orchestrator/shared/ui';
import type { BadgeTone } from '@orchestrator/shared/ui';
import type { FlowStatus } from '../../contracts/index.ts';

const tones: Record<FlowStatus, BadgeTone> = { draft: 'neutral', active: 'success', paused: 'warning' };
const labels: Record<FlowStatus, string> = { draft: 'Draft', active: 'Active', paused: 'Paused' };

export function FlowStatusBadge({ status }: { status: FlowStatus }) {
  return <Badge tone={tones[status]}>{labels[status]}</Badge>;
}
