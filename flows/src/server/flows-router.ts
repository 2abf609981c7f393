import { z } from 'zod';
import { ConflictError, NotFoundError } from '@orchestrator/shared/errors';
import { ApiRouter, principalOf, type ApiKernel } from '@orchestrator/shared/http';
import { decodeCursor, encodeCursor, PageQuerySchema } from '@orchestrator/shared/pagination';
import type { Clock, Database, Tx } from '@orchestrator/shared/ports';
import {
  CatalogSchema,
  CreateFlowSchema,
  FlowListSchema,
  FlowSchema,
  FlowSettingsSchema,
  PublishResultSchema,
  UpdateFlowSchema,
} from '../contracts/index.ts';
import type { NodeCapability } from '../domain/index.ts';
import { auditFlow, FLOW_EDITORS, FlowIdParamsSchema } from './flow-access.ts';
import { flowPresenter, loadFlow } from './flow-presenter.ts';
import { FlowsRepository } from './flows-repository.ts';
import { syncFlowSchedule } from './flow-scheduler.ts';
import { addFlowTransferRoutes } from './flow-transfer-routes.ts';
import { addFlowVersionRoutes } from './flow-version-routes.ts';
import { InvalidGraphError, sendInvalidGraph } from './invalid-graph-error.ts';
import { catalogFor } from './node-catalog.ts';

const FlowCursorSchema = z.object({ u: z.string(), i: z.uuid() });

export interface FlowsRouterDependencies {
  database: Database;
  clock: Clock;
  capabilities: ReadonlySet<NodeCapability>;
  /** After a publish, pause, resume or delete: this process's trigger cache forgets the tenant. */
  onTriggersChanged?: (tenantId: string) => void;
}

/**
 * `/api/v1/flows`: the catalog, CRUD of drafts (saved even when invalid, with their `problems`),
 * publish (an immutable version; 422 listing the problems when invalid), pause/resume, versions with
 * their live runs, export and import. Runs add their routes to the same router.
 */
export function flowsRouter(kernel: ApiKernel, deps: FlowsRouterDependencies): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1/flows', 'Flows');
  const flows = new FlowsRepository();
  const { database, clock, capabilities } = deps;

  const presenter = flowPresenter(capabilities);
  const { problemsOf, listItem, present } = presenter;
  const load = (tx: Tx, id: string, lock = false) => loadFlow(flows, tx, id, lock);
  const triggersChanged = (tx: Tx, tenantId: string) =>
    tx.afterCommit(() => deps.onTriggersChanged?.(tenantId));

  api.get(
    '/catalog',
    { summary: 'The node types this server runs, and which this user may use', response: CatalogSchema },
    async ({ req }) => catalogFor(capabilities, principalOf(req).role),
  );

  api.post(
    '',
    {
      summary: 'Create a flow (a draft)',
      roles: [...FLOW_EDITORS],
      body: CreateFlowSchema,
      response: FlowSchema,
    },
    async ({ body, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const settings = body.settings ?? FlowSettingsSchema.parse({});
        const flow = await flows.create(tx, principal.tenantId, {
          name: body.name,
          graph: body.graph,
          settings,
        });
        await auditFlow(tx, principal, req, 'flow.created', flow.id, { name: flow.name });
        return present(flow, principal);
      });
    },
  );

  api.get(
    '',
    { summary: 'List flows, recently changed first', query: PageQuerySchema, response: FlowListSchema },
    async ({ query, req }) => {
      const after = decodeCursor(query.cursor, FlowCursorSchema);
      const rows = await database.tenantTx(principalOf(req).tenantId, (tx) =>
        flows.list(tx, { after: after && { updatedAt: after.u, id: after.i }, limit: query.limit + 1 }),
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(listItem),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor({ u: last.updatedAt, i: last.id }) : null,
      };
    },
  );

  api.get(
    '/:id',
    {
      summary: 'Read a flow: its draft, problems, status and stats',
      params: FlowIdParamsSchema,
      response: FlowSchema,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      return present(await database.tenantTx(principal.tenantId, (tx) => load(tx, params.id)), principal);
    },
  );

  api.put(
    '/:id',
    {
      summary: 'Save the draft (never refused for an invalid graph: see `problems`)',
      roles: [...FLOW_EDITORS],
      params: FlowIdParamsSchema,
      body: UpdateFlowSchema,
      response: FlowSchema,
    },
    async ({ params, body, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const flow = await flows.update(tx, params.id, body);
        if (!flow) throw new NotFoundError('No such flow');
        return present(flow, principal);
      });
    },
  );

  api.delete(
    '/:id',
    {
      summary: 'Delete a flow with its versions and runs',
      roles: [...FLOW_EDITORS],
      status: 204,
      params: FlowIdParamsSchema,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      await database.tenantTx(principal.tenantId, async (tx) => {
        if (!(await flows.delete(tx, principal.tenantId, params.id))) throw new NotFoundError('No such flow');
        await auditFlow(tx, principal, req, 'flow.deleted', params.id);
        triggersChanged(tx, principal.tenantId);
      });
    },
  );

  api.post(
    '/:id/publish',
    {
      summary:
        'Publish the draft as a new immutable version taking new runs (422 with `problems` if invalid)',
      roles: [...FLOW_EDITORS],
      status: 200,
      params: FlowIdParamsSchema,
      response: PublishResultSchema,
    },
    async ({ params, req, res }) => {
      const principal = principalOf(req);
      try {
        return await database.tenantTx(principal.tenantId, async (tx) => {
          const flow = await load(tx, params.id, true);
          const problems = problemsOf(flow, principal);
          if (problems.length > 0) throw new InvalidGraphError(problems);
          // Publishing an unchanged draft reactivates the latest version instead of copying it.
          const version =
            flow.latestVersion !== null && !flow.hasUnpublishedChanges
              ? (await flows.activate(tx, principal.tenantId, flow.id, flow.latestVersion),
                flow.latestVersion)
              : await flows.publish(tx, flow, principal.userId ?? null);
          await syncFlowSchedule(
            tx,
            { ...flow, status: 'active', activeVersion: version },
            flow.graph,
            clock.now(),
          );
          await auditFlow(tx, principal, req, 'flow.published', flow.id, { version });
          triggersChanged(tx, principal.tenantId);
          return { version };
        });
      } catch (error) {
        // Written here: the problem document carries the `problems` member the editor shows.
        if (error instanceof InvalidGraphError) return sendInvalidGraph(error, req, res) as never;
        throw error;
      }
    },
  );

  for (const [action, status] of [
    ['pause', 'paused'],
    ['resume', 'active'],
  ] as const) {
    api.post(
      `/:id/${action}`,
      {
        summary:
          action === 'pause'
            ? 'Stop taking new runs (runs in flight go on)'
            : 'Take new runs again on the active version',
        roles: [...FLOW_EDITORS],
        status: 200,
        params: FlowIdParamsSchema,
        response: FlowSchema,
      },
      async ({ params, req }) => {
        const principal = principalOf(req);
        return database.tenantTx(principal.tenantId, async (tx) => {
          const flow = await load(tx, params.id, true);
          if (flow.activeVersion === null) throw new ConflictError('The flow was never published');
          await flows.setStatus(tx, principal.tenantId, flow.id, status);
          const version = await flows.version(tx, flow.id, flow.activeVersion);
          await syncFlowSchedule(tx, { ...flow, status }, version?.graph, clock.now());
          await auditFlow(tx, principal, req, `flow.${action}d`, flow.id);
          triggersChanged(tx, principal.tenantId);
          return present((await flows.get(tx, flow.id))!, principal);
        });
      },
    );
  }

  api.get(
    '/:id/signing-secret',
    {
      summary: "The secret the flow's webhook steps sign with (X-Orchestrator-Signature, HMAC-SHA256)",
      roles: [...FLOW_EDITORS],
      params: FlowIdParamsSchema,
      response: z.object({ secret: z.string() }),
    },
    async ({ params, req }) => {
      const flow = await database.tenantTx(principalOf(req).tenantId, (tx) => load(tx, params.id));
      return { secret: flow.signingSecret };
    },
  );

  addFlowVersionRoutes(api, { database });
  addFlowTransferRoutes(api, { database, presenter });
  return api;
}
