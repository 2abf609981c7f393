import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ProfileReader } from '@orchestrator/cdp/client';
import { ConflictError, NotFoundError, ValidationError } from '@orchestrator/shared/errors';
import { principalOf, type ApiRouter } from '@orchestrator/shared/http';
import { decodeCursor, encodeCursor, PageQuerySchema } from '@orchestrator/shared/pagination';
import type { Clock, Database } from '@orchestrator/shared/ports';
import {
  NodeRunCountsSchema,
  RunListSchema,
  RunSchema,
  RunStatusSchema,
  RunWithStepsSchema,
  TestRunRequestSchema,
  type FlowEvent,
} from '../contracts/index.ts';
import { isTriggerType, validateGraph, type NodeCapability } from '../domain/index.ts';
import { FlowIdParamsSchema, FLOW_EDITORS, auditFlow } from './flow-access.ts';
import { FlowsRepository } from './flows-repository.ts';
import { InvalidGraphError, sendInvalidGraph } from './invalid-graph-error.ts';
import { unavailableReason } from './node-catalog.ts';
import { RunStarter } from './run-starter.ts';
import { RunsRepository } from './runs-repository.ts';

const RunParamsSchema = z.object({ runId: z.uuid() });
const RunListQuerySchema = PageQuerySchema.extend({ status: RunStatusSchema.optional() });
const RunCursorSchema = z.object({ at: z.string(), id: z.uuid() });
const NodeCountsQuerySchema = z.object({ version: z.coerce.number().int().min(0).optional() });

export interface RunsRoutesDependencies {
  database: Database;
  clock: Clock;
  capabilities: ReadonlySet<NodeCapability>;
  /** After a commit that made a run due (wakes the executor in this process). */
  onWork?: () => void;
}

/**
 * Runs on the flows router: list a flow's runs, read one with its steps (input, output, error,
 * attempts, duration of each), cancel, re-run from the failed node, test runs of the draft, and the
 * per-node counts the canvas overlays.
 */
export function addRunRoutes(api: ApiRouter, deps: RunsRoutesDependencies): void {
  const runs = new RunsRepository();
  const flows = new FlowsRepository();
  const starter = new RunStarter();
  const reader = new ProfileReader();
  const { database, clock } = deps;
  const wake = () => deps.onWork?.();

  api.get(
    '/runs/:runId',
    {
      summary: 'One run with the timeline of its steps (and, for a test run, the graph it ran)',
      params: RunParamsSchema,
      response: RunWithStepsSchema,
    },
    async ({ params, req }) =>
      database.tenantTx(principalOf(req).tenantId, async (tx) => {
        const run = await runs.get(tx, params.runId);
        if (!run) throw new NotFoundError('No such run');
        const steps = await runs.steps(tx, run.id);
        // Test runs keep the draft they ran; a published version's graph is the version's own.
        const graph = run.test ? await runs.testGraph(tx, run.id) : undefined;
        return { ...run, steps, ...(graph ? { graph } : {}) };
      }),
  );

  api.post(
    '/runs/:runId/cancel',
    {
      summary: 'Cancel a running or waiting run',
      roles: [...FLOW_EDITORS],
      status: 200,
      params: RunParamsSchema,
      response: RunSchema,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const run = await runs.get(tx, params.runId, { lock: true });
        if (!run) throw new NotFoundError('No such run');
        if (!(await runs.end(tx, run.id, 'cancelled', clock.now()))) {
          throw new ConflictError(`The run is ${run.status}; only running or waiting runs can be cancelled`);
        }
        await auditFlow(tx, principal, req, 'flow.run.cancelled', run.flowId, { runId: run.id });
        return (await runs.get(tx, run.id))!;
      });
    },
  );

  api.post(
    '/runs/:runId/rerun',
    {
      summary: 'Re-run a failed run from the step that failed (same version, same trigger)',
      roles: [...FLOW_EDITORS],
      status: 200,
      params: RunParamsSchema,
      response: RunSchema,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const run = await runs.get(tx, params.runId, { lock: true });
        if (!run) throw new NotFoundError('No such run');
        if (run.status !== 'failed')
          throw new ConflictError(`The run is ${run.status}; only failed runs can be re-run`);
        const nodeId = await runs.rerunFromFailure(tx, run.id, clock.now());
        if (!nodeId) throw new ConflictError('The run has no failed step to start again from');
        await auditFlow(tx, principal, req, 'flow.run.rerun', run.flowId, { runId: run.id, nodeId });
        tx.afterCommit(wake);
        return (await runs.get(tx, run.id))!;
      });
    },
  );

  api.get(
    '/:id/runs',
    {
      summary: "A flow's runs, newest first",
      params: FlowIdParamsSchema,
      query: RunListQuerySchema,
      response: RunListSchema,
    },
    async ({ params, query, req }) => {
      const after = decodeCursor(query.cursor, RunCursorSchema);
      const rows = await database.tenantTx(principalOf(req).tenantId, async (tx) => {
        if (!(await flows.get(tx, params.id))) throw new NotFoundError('No such flow');
        return runs.list(tx, params.id, {
          ...(query.status ? { status: query.status } : {}),
          ...(after ? { after } : {}),
          limit: query.limit + 1,
        });
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(({ position: _position, ...run }) => run),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor({ at: last.position, id: last.id }) : null,
      };
    },
  );

  api.get(
    '/:id/node-counts',
    {
      summary: 'Per node of a version (default: the active one; 0: test runs): succeeded, waiting, failed',
      params: FlowIdParamsSchema,
      query: NodeCountsQuerySchema,
      response: NodeRunCountsSchema,
    },
    async ({ params, query, req }) =>
      database.tenantTx(principalOf(req).tenantId, async (tx) => {
        const flow = await flows.get(tx, params.id);
        if (!flow) throw new NotFoundError('No such flow');
        const version = query.version ?? flow.activeVersion;
        return version === null ? {} : runs.nodeCounts(tx, flow.id, version);
      }),
  );

  api.post(
    '/:id/test-runs',
    {
      summary: 'Test the draft with a sample event or a chosen profile (side effects go to the mocks)',
      roles: [...FLOW_EDITORS],
      params: FlowIdParamsSchema,
      body: TestRunRequestSchema,
      response: RunSchema,
    },
    async ({ params, body, req, res }) => {
      const principal = principalOf(req);
      try {
        return await database.tenantTx(principal.tenantId, async (tx) => {
          const flow = await flows.get(tx, params.id);
          if (!flow) throw new NotFoundError('No such flow');
          const problems = validateGraph(flow.graph, {
            isAvailable: (type) => unavailableReason(type, deps.capabilities, principal.role) === null,
          });
          if (problems.length > 0) throw new InvalidGraphError(problems);
          const trigger = flow.graph.nodes.find((node) => isTriggerType(node.type))!;
          const now = clock.now();
          let profileId = body.profileId ?? null;
          if (profileId !== null) {
            const live = await reader.liveId(tx, profileId);
            if (!live)
              throw new ValidationError('No such profile', [
                { field: 'body.profileId', message: 'is not a profile of this workspace' },
              ]);
            profileId = live;
          }
          let event: FlowEvent;
          if ('event' in body) {
            const id = `test:${randomUUID()}`;
            event = {
              id,
              event: body.event,
              profileId,
              messageId: id,
              timestamp: now.toISOString(),
              properties: body.properties,
              context: {},
            };
          } else {
            const latest = await reader.latestEvent(tx, profileId!);
            if (!latest) {
              throw new ValidationError('The profile has no event to replay', [
                { field: 'body.profileId', message: 'has no events; send a sample event instead' },
              ]);
            }
            event = { id: `test:${randomUUID()}`, ...latest, profileId, context: {} };
          }
          const started = await starter.start(tx, {
            tenantId: principal.tenantId,
            flowId: flow.id,
            version: 0,
            nodeId: trigger.id,
            settings: flow.settings,
            trigger: event,
            profileId,
            dedupeKey: null,
            now,
            test: { graph: flow.graph },
          });
          if (!started.started) throw new ConflictError('The test run could not start');
          tx.afterCommit(wake);
          return (await runs.get(tx, started.runId))!;
        });
      } catch (error) {
        // Written here: the problem document carries the `problems` member the editor shows.
        if (error instanceof InvalidGraphError) return sendInvalidGraph(error, req, res) as never;
        throw error;
      }
    },
  );
}
