import type { FlowEvent, FlowSettings } from '../contracts/index.ts';

/** Does this event reach the flow's goal (a run waiting anywhere then exits as goal reached)? */
export function isGoalEvent(settings: Pick<FlowSettings, 'goal'>, event: Pick<FlowEvent, 'event'>): boolean {
  return settings.goal !== null && settings.goal !== undefined && settings.goal.event === event.event;
}
