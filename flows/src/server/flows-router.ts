import { z } from 'zod';
import { recordAudit } from '@orchestrator/shared/audit';
import { ConflictError, NotFoundError, ValidationError } from '@orchestrator/shared/errors';
import { ApiRouter, principalOf, type ApiKernel, type Principal } from '@orchestrator/shared/http';
import { decodeCursor, encodeCursor, PageQuerySchema } from '@orchestrator/shared/pagination';
import type { Clock, Database, Tx } from '@orchestrator/shared/ports';
import type { Request } from 'express';
import {
  CatalogSchema,
  CreateFlowSchema,
  FlowExportSchema,
  FlowListSchema,
  FlowSchema,
  FlowSettingsSchema,
  FlowVersionSchema,
  FlowVersionSummarySchema,
  PublishResultSchema,
  UpdateFlowSchema,
  type Flow,
  type FlowListItem,
} from '../contracts/index.ts';
import { flowTemplateOf, validateGraph, type NodeCapability } from '../domain/index.ts';
import { FlowsRepository, type StoredFlow } from './flows-repository.ts';
import { syncFlowSchedule } from './flow-scheduler.ts';
import { InvalidGraphError, sendInvalidGraph } from './invalid-graph-error.ts';
import { catalogFor, unavailableReason } from './node-catalog.ts';

export const FlowIdParamsSchema = z.object({ id: z.uuid() });
const VersionParamsSchema = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });
const FlowCursorSchema = z.object({ u: z.string(), i: z.uuid() });

/** Who may change flows. Publishing an ops-only node (Kestra) also needs the ops role (or admin). */
export const FLOW_EDITORS = ['admin', 'member', 'ops'] as const;

export interface FlowsRouterDependencies {
  database: Database;
  clock: Clock;
  capabilities: ReadonlySet<NodeCapability>;
  /** After a publish, pause, resume or delete: this process's trigger cache forgets the tenant. */
  onTriggersChanged?: (tenantId: string) => void;
}

export function auditFlow(
  tx: Tx,
  principal: Principal,
  req: Request,
  action: string,
  targetId: string,
  details = {},
) {
  return recordAudit(tx, {
    tenantId: principal.tenantId,
    actorUserId: principal.userId,
    actorApiKeyId: principal.apiKeyId,
    action,
    targetType: 'flow',
    targetId,
    details,
    requestId: req.id,
  });
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

  const problemsOf = (flow: Pick<StoredFlow, 'graph'>, principal: Principal) =>
    validateGraph(flow.graph, {
      isAvailable: (type) => unavailableReason(type, capabilities, principal.role) === null,
    });
  const listItem = (flow: StoredFlow): FlowListItem => ({
    id: flow.id,
    name: flow.name,
    status: flow.status,
    settings: flow.settings,
    activeVersion: flow.activeVersion,
    hasUnpublishedChanges: flow.hasUnpublishedChanges,
    stats: flow.stats,
    createdAt: flow.createdAt,
    updatedAt: flow.updatedAt,
  });
  const present = (flow: StoredFlow, principal: Principal): Flow => ({
    ...listItem(flow),
    graph: flow.graph,
    problems: problemsOf(flow, principal),
  });
  const load = async (tx: Tx, id: string, lock = false) => {
    const flow = await flows.get(tx, id, { lock });
    if (!flow) throw new NotFoundError('No such flow');
    return flow;
  };
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

  return api;
}
