import type { Step, StepStatus } from '../../contracts/index.ts';

/**
 * Each node's status on this run for the canvas: its latest step (a re-run or a retry adds steps for the
 * same node; the last one says where it stands now).
 */
export function stepStatusesOf(steps: readonly Step[]): Map<string, StepStatus> {
  const latest = new Map<string, Step>();
  for (const step of steps) {
    const seen = latest.get(step.nodeId);
    if (!seen || Date.parse(step.startedAt) >= Date.parse(seen.startedAt)) latest.set(step.nodeId, step);
  }
  return new Map([...latest].map(([nodeId, step]) => [nodeId, step.status]));
}
