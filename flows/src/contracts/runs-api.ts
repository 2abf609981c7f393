import { z } from 'zod';
import { FlowGraphSchema } from './graph.ts';

export const RunStatusSchema = z.enum([
  'running',
  'waiting',
  'completed',
  'failed',
  'cancelled',
  /** Left at an exit node or because the goal event arrived. */
  'exited',
]);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const StepStatusSchema = z.enum(['running', 'waiting', 'succeeded', 'failed', 'skipped']);
export type StepStatus = z.infer<typeof StepStatusSchema>;

/**
 * A CDP bus event as flows see it (`cdp.profile-events`, normalized): what triggers match, what
 * `logic.waitForEvent` and goals wait for, and what a run keeps as its trigger.
 * - `Message Processed` of a track → `event` is the track's name (`Form Submitted`, `Order Completed`),
 *   `properties` its properties; of a page/screen → `event` is `Page Viewed` / `Screen Viewed`;
 *   of an identify → `Identified` with the traits as properties.
 * - lifecycle events keep their name (`Profile Created`, `Profiles Merged`, `Segment Entered`,
 *   `Segment Exited`) with their fields (segmentId, segmentName…) as properties.
 */
export const FlowEventSchema = z.object({
  /** Unique per effect (the bus `message-id` header): how triggering events are deduplicated. */
  id: z.string(),
  event: z.string(),
  profileId: z.uuid().nullable(),
  /** The Segment messageId for `Message Processed`, otherwise the lifecycle event's id. */
  messageId: z.string(),
  timestamp: z.string(),
  properties: z.record(z.string(), z.unknown()),
  /** The Segment message's `context` (page, campaign, traits…) when there is one. */
  context: z.record(z.string(), z.unknown()).default({}),
});
export type FlowEvent = z.infer<typeof FlowEventSchema>;

/** What started a run: the CDP event (or a sample one for a test run). */
export const RunTriggerSchema = FlowEventSchema;
export type RunTrigger = FlowEvent;

export const RunSchema = z.object({
  id: z.uuid(),
  flowId: z.uuid(),
  version: z.number().int(),
  status: RunStatusSchema,
  profileId: z.uuid().nullable(),
  /** Test runs use a sample event or a chosen profile; their side effects go to the mocks. */
  test: z.boolean(),
  trigger: RunTriggerSchema,
  /** Where the run is now (the step running or waiting), null when finished. */
  currentNodeId: z.string().nullable(),
  /** When a waiting run resumes (timer), if it waits on time. */
  resumeAt: z.string().nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Run = z.infer<typeof RunSchema>;

export const StepSchema = z.object({
  id: z.uuid(),
  nodeId: z.string(),
  nodeType: z.string(),
  status: StepStatusSchema,
  input: z.unknown(),
  output: z.unknown().nullable(),
  error: z.string().nullable(),
  /** The output handle the run left by (`next`, `true`, `timeout`, `error`…). */
  handle: z.string().nullable(),
  attempts: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type Step = z.infer<typeof StepSchema>;

export const RunWithStepsSchema = RunSchema.extend({
  steps: z.array(StepSchema),
  /**
   * A test run's graph: the draft as it was when the test started, which later edits leave alone.
   * Absent for runs of a published version (the version's graph is theirs).
   */
  graph: FlowGraphSchema.optional(),
});
export type RunWithSteps = z.infer<typeof RunWithStepsSchema>;

export const RunListSchema = z.object({ items: z.array(RunSchema), nextCursor: z.string().nullable() });

/** Per node of one version: how many runs passed, wait there now, failed there (the canvas overlay). */
export const NodeRunCountsSchema = z.record(
  z.string(),
  z.object({ succeeded: z.number().int(), waiting: z.number().int(), failed: z.number().int() }),
);

/** `POST /api/v1/flows/:id/test-runs`: a sample event, or a real profile (its last event is the trigger). */
export const TestRunRequestSchema = z.union([
  z.object({
    event: z.string().min(1),
    properties: z.record(z.string(), z.unknown()).default({}),
    profileId: z.uuid().optional(),
  }),
  z.object({ profileId: z.uuid() }),
]);
export type TestRunRequest = z.infer<typeof TestRunRequestSchema>;
