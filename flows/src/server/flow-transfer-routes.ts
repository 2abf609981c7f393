import { z } from 'zod';
import { ValidationError } from '@orchestrator/shared/errors';
import { principalOf, type ApiRouter } from '@orchestrator/shared/http';
import type { Database } from '@orchestrator/shared/ports';
import { FlowExportSchema, FlowSchema } from '../contracts/index.ts';
import { flowTemplateOf } from '../domain/index.ts';
import { auditFlow, FlowIdParamsSchema, FLOW_EDITORS } from './flow-access.ts';
import type { FlowPresenter } from './flow-presenter.ts';
import { loadFlow } from './flow-presenter.ts';
import { FlowsRepository } from './flows-repository.ts';

/** Flows as JSON in and out: export a draft, import one, or start from a ready template. */
export function addFlowTransferRoutes(
  api: ApiRouter,
  deps: { database: Database; presenter: FlowPresenter },
): void {
  const flows = new FlowsRepository();
  const { database } = deps;
  const { present } = deps.presenter;
  const load = (tx: Parameters<typeof loadFlow>[1], id: string) => loadFlow(flows, tx, id);

  api.post(
    '/import',
    {
      summary: 'Create a flow from an exported one (a draft)',
      roles: [...FLOW_EDITORS],
      body: FlowExportSchema,
      response: FlowSchema,
    },
    async ({ body, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const flow = await flows.create(tx, principal.tenantId, body);
        await auditFlow(tx, principal, req, 'flow.imported', flow.id, { name: flow.name });
        return present(flow, principal);
      });
    },
  );

  api.post(
    '/from-template',
    {
      summary: 'Create a flow (a draft) from one of the ready templates',
      roles: [...FLOW_EDITORS],
      body: z.object({ templateId: z.string().min(1).max(100) }),
      response: FlowSchema,
    },
    async ({ body, req }) => {
      const template = flowTemplateOf(body.templateId);
      if (!template) {
        throw new ValidationError('No such template', [
          { field: 'body.templateId', message: 'is not a template' },
        ]);
      }
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const flow = await flows.create(tx, principal.tenantId, template.flow);
        await auditFlow(tx, principal, req, 'flow.created', flow.id, {
          name: flow.name,
          template: template.id,
        });
        return present(flow, principal);
      });
    },
  );

  api.get(
    '/:id/export',
    {
      summary: 'The draft as JSON to import elsewhere',
      params: FlowIdParamsSchema,
      response: FlowExportSchema,
    },
    async ({ params, req }) => {
      const flow = await database.tenantTx(principalOf(req).tenantId, (tx) => load(tx, params.id));
      return { name: flow.name, graph: flow.graph, settings: flow.settings };
    },
  );
}
