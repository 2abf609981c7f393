import { Badge } from '@orchestrator/shared/ui';
import type { BadgeTone } from '@orchestrator/shared/ui';
import type { RunStatus, StepStatus } from '../../contracts/index.ts';

const tones: Record<RunStatus | StepStatus, BadgeTone> = {
  running: 'info',
  waiting: 'accent',
  completed: 'success',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  exited: 'neutral',
  skipped: 'neutral',
};

const labels: Record<RunStatus | StepStatus, string> = {
  running: 'Running',
  waiting: 'Waiting',
  completed: 'Completed',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  exited: 'Exited',
  skipped: 'Skipped',
};

export function RunStatusBadge({ status }: { status: RunStatus | StepStatus }) {
  return <Badge tone={tones[status]}>{labels[status]}</Badge>;
}
