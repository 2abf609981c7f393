import { z } from 'zod';

export const SourceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  writeKey: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
});
export type Source = z.infer<typeof SourceSchema>;

export const CreateSourceRequestSchema = z.object({ name: z.string().trim().min(1, 'is required').max(200) });
export const UpdateSourceRequestSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  enabled: z.boolean().optional(),
});

export const SourceListResponseSchema = z.object({ items: z.array(SourceSchema) });
export type SourceListResponse = z.infer<typeof SourceListResponseSchema>;
