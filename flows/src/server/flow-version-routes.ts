import { z } from 'zod';
import { NotFoundError } from '@orchestrator/shared/errors';
import { principalOf, type ApiRouter } from '@orchestrator/shared/http';
import type { Database } from '@orchestrator/shared/ports';
import { FlowVersionSchema, FlowVersionSummarySchema } from '../contracts/index.ts';
import { FlowIdParamsSchema } from './flow-access.ts';
import { loadFlow } from './flow-presenter.ts';
import { FlowsRepository } from './flows-repository.ts';

const VersionParamsSchema = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });

/** A flow's published versions: the list with their live runs (the editor's version menu), and one. */
export function addFlowVersionRoutes(api: ApiRouter, deps: { database: Database }): void {
  const flows = new FlowsRepository();
  const { database } = deps;
  const load = (tx: Parameters<typeof loadFlow>[1], id: string) => loadFlow(flows, tx, id);

  api.get(
    '/:id/versions',
    {
      summary: 'Published versions, newest first, with their live runs',
      params: FlowIdParamsSchema,
      response: z.object({ items: z.array(FlowVersionSummarySchema) }),
    },
    async ({ params, req }) =>
      database.tenantTx(principalOf(req).tenantId, async (tx) => {
        await load(tx, params.id);
        const versions = await flows.versions(tx, params.id);
        return {
          items: versions.map((version) => ({
            version: version.version,
            publishedAt: version.publishedAt,
            publishedBy: version.publishedBy,
            liveRuns: version.liveRuns,
          })),
        };
      }),
  );

  api.get(
    '/:id/versions/:version',
    {
      summary: 'One published version (its graph and settings)',
      params: VersionParamsSchema,
      response: FlowVersionSchema,
    },
    async ({ params, req }) =>
      database.tenantTx(principalOf(req).tenantId, async (tx) => {
        const version = await flows.version(tx, params.id, params.version);
        if (!version) throw new NotFoundError('No such version');
        return {
          flowId: version.flowId,
          version: version.version,
          graph: version.graph,
          settings: version.settings,
          publishedAt: version.publishedAt,
        };
      }),
  );
}
