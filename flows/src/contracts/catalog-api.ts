import { z } from 'zod';

/**
 * `GET /api/v1/flows/catalog`: which node types this server can run. The editor takes labels,
 * schemas and handles from the domain registry it bundles; this tells it which to offer: a node type
 * whose capability is not bound (its module has not landed) or that needs a role the user lacks is
 * left out of the palette, with the reason for nodes already on a canvas.
 */
export const CatalogEntrySchema = z.object({
  type: z.string(),
  available: z.boolean(),
  reason: z.string().nullable(),
});
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

export const CatalogSchema = z.object({ items: z.array(CatalogEntrySchema) });
export type Catalog = z.infer<typeof CatalogSchema>;
