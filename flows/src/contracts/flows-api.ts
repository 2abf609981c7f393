import { z } from 'zod';
import { FlowGraphSchema, GraphProblemSchema } from './graph.ts';
import { FlowSettingsSchema } from './flow-settings.ts';

/** `draft`: never published. `active`: a published version takes new runs. `paused`: takes none. */
export const FlowStatusSchema = z.enum(['draft', 'active', 'paused']);
export type FlowStatus = z.infer<typeof FlowStatusSchema>;

export const CreateFlowSchema = z.object({
  name: z.string().trim().min(1).max(200),
  graph: FlowGraphSchema.default({ nodes: [], edges: [] }),
  settings: FlowSettingsSchema.optional(),
});
export type CreateFlow = z.infer<typeof CreateFlowSchema>;

/** Saving a draft never fails on an invalid graph: problems come back in `problems`. */
export const UpdateFlowSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  graph: FlowGraphSchema.optional(),
  settings: FlowSettingsSchema.optional(),
});
export type UpdateFlow = z.infer<typeof UpdateFlowSchema>;

export const FlowVersionSummarySchema = z.object({
  version: z.number().int().min(1),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  /** Runs of this version still running or waiting. */
  liveRuns: z.number().int(),
});
export type FlowVersionSummary = z.infer<typeof FlowVersionSummarySchema>;

export const FlowStatsSchema = z.object({
  runs: z.number().int(),
  live: z.number().int(),
  failed: z.number().int(),
  completed: z.number().int(),
});
export type FlowStats = z.infer<typeof FlowStatsSchema>;

export const FlowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: FlowStatusSchema,
  /** The draft being edited (what the editor loads). */
  graph: FlowGraphSchema,
  settings: FlowSettingsSchema,
  /** The draft's problems; publishing needs none. */
  problems: z.array(GraphProblemSchema),
  /** The version that takes new runs (null until first published). */
  activeVersion: z.number().int().nullable(),
  /** True when the draft differs from the active version. */
  hasUnpublishedChanges: z.boolean(),
  stats: FlowStatsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Flow = z.infer<typeof FlowSchema>;

export const FlowListItemSchema = FlowSchema.omit({ graph: true, problems: true });
export type FlowListItem = z.infer<typeof FlowListItemSchema>;

export const FlowListSchema = z.object({
  items: z.array(FlowListItemSchema),
  nextCursor: z.string().nullable(),
});

/** `POST /api/v1/flows/:id/publish` → 200; 422 problem+json with `problems` when the draft is invalid. */
export const PublishResultSchema = z.object({ version: z.number().int().min(1) });

export const FlowVersionSchema = z.object({
  flowId: z.uuid(),
  version: z.number().int(),
  graph: FlowGraphSchema,
  settings: FlowSettingsSchema,
  publishedAt: z.string(),
});
export type FlowVersion = z.infer<typeof FlowVersionSchema>;

/** A graph plus settings as exported and imported (`GET /flows/:id/export`, `POST /flows/import`). */
export const FlowExportSchema = z.object({
  name: z.string(),
  graph: FlowGraphSchema,
  settings: FlowSettingsSchema,
});
export type FlowExport = z.infer<typeof FlowExportSchema>;
