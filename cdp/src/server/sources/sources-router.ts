import { z } from 'zod';
import { recordAudit } from '@orchestrator/shared/audit';
import { NotFoundError } from '@orchestrator/shared/errors';
import { ApiRouter, principalOf, type ApiKernel, type Principal } from '@orchestrator/shared/http';
import type { Database, Tx } from '@orchestrator/shared/ports';
import {
  CreateSourceRequestSchema,
  SourceDebuggerQuerySchema,
  SourceDebuggerResponseSchema,
  SourceListResponseSchema,
  SourceSchema,
  UpdateSourceRequestSchema,
} from '../../contracts/index.ts';
import { DEBUG_MESSAGES_PER_REQUEST, type SourceDebugFeed } from '../ingest/source-debug-feed.ts';
import { findMessageOutcomes } from './message-outcomes.ts';
import { SourcesRepository } from './sources-repository.ts';

export interface SourcesRouterOptions {
  /** What the sources sent lately (their debugger); without it the debugger route is not offered. */
  debugFeed?: SourceDebugFeed;
  /**
   * Called after a commit that made a write key stop working (rotated out, source disabled) or work
   * again (source enabled), so this process's ingest forgets what it cached about the key at once.
   */
  onWriteKeyChanged?: (writeKey: string) => void;
}

const IdParamsSchema = z.object({ id: z.uuid() });

/** Sources (one per site, app or module) and their write keys: create, list, rename, disable, rotate. */
export function sourcesRouter(
  kernel: ApiKernel,
  database: Database,
  options: SourcesRouterOptions = {},
): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1/cdp/sources', 'CDP');
  const sources = new SourcesRepository();
  const keyChanged = (tx: Tx, writeKey: string) =>
    tx.afterCommit(() => options.onWriteKeyChanged?.(writeKey));

  const audit = (tx: Tx, principal: Principal, requestId: string, action: string, id: string, details = {}) =>
    recordAudit(tx, {
      tenantId: principal.tenantId,
      actorUserId: principal.userId,
      actorApiKeyId: principal.apiKeyId,
      action,
      targetType: 'cdp_source',
      targetId: id,
      details,
      requestId,
    });

  api.post(
    '',
    {
      summary: 'Create a source with a new write key',
      roles: ['admin'],
      body: CreateSourceRequestSchema,
      response: SourceSchema,
    },
    async ({ body, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const source = await sources.create(tx, principal.tenantId, body.name);
        await audit(tx, principal, req.id, 'cdp_source.created', source.id, { name: source.name });
        return source;
      });
    },
  );

  api.get(
    '',
    { summary: 'List the sources of the workspace', response: SourceListResponseSchema },
    async ({ req }) => {
      const items = await database.tenantTx(principalOf(req).tenantId, (tx) => sources.list(tx));
      return { items };
    },
  );

  api.patch(
    '/:id',
    {
      summary: 'Rename, disable or enable a source',
      roles: ['admin'],
      params: IdParamsSchema,
      body: UpdateSourceRequestSchema,
      response: SourceSchema,
    },
    async ({ params, body, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const changed = await sources.update(tx, params.id, body);
        if (!changed) throw new NotFoundError('No such source');
        const { before, after } = changed;
        if (before.name !== after.name) {
          await audit(tx, principal, req.id, 'cdp_source.renamed', after.id, {
            from: before.name,
            to: after.name,
          });
        }
        if (before.enabled !== after.enabled) {
          const action = after.enabled ? 'cdp_source.enabled' : 'cdp_source.disabled';
          await audit(tx, principal, req.id, action, after.id);
          keyChanged(tx, after.writeKey);
        }
        return after;
      });
    },
  );

  api.post(
    '/:id/rotate',
    {
      summary: 'Replace the write key; the old key stops working at once',
      roles: ['admin'],
      status: 200,
      params: IdParamsSchema,
      response: SourceSchema,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const rotated = await sources.rotate(tx, params.id);
        if (!rotated) throw new NotFoundError('No such source');
        await audit(tx, principal, req.id, 'cdp_source.rotated', rotated.after.id);
        keyChanged(tx, rotated.before.writeKey);
        return rotated.after;
      });
    },
  );

  const debugFeed = options.debugFeed;
  if (debugFeed) {
    api.get(
      '/:id/debugger',
      {
        summary: 'What the source sent lately, newest first, with what became of each message (its debugger)',
        params: IdParamsSchema,
        query: SourceDebuggerQuerySchema,
        response: SourceDebuggerResponseSchema,
      },
      async ({ params, query, req }) => {
        const { tenantId } = principalOf(req);
        return database.tenantTx(tenantId, async (tx) => {
          if (!(await sources.exists(tx, params.id))) throw new NotFoundError('No such source');
          const entries = await debugFeed.recent(params.id, query.limit);
          const accepted = entries.flatMap((entry) =>
            entry.status === 'accepted' && entry.messageId ? [entry.messageId] : [],
          );
          const outcomes = await findMessageOutcomes(tx, tenantId, params.id, accepted);
          const items = entries.map((entry) => ({
            ...entry,
            outcome:
              entry.status === 'accepted'
                ? (outcomes.get(entry.messageId ?? '') ?? { state: 'pending' as const })
                : null,
          }));
          return { items, sampledPerRequest: DEBUG_MESSAGES_PER_REQUEST };
        });
      },
    );
  }

  return api;
}
