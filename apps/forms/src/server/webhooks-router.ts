import { z } from 'zod';
import { NotFoundError, ValidationError } from '@orchestrator/shared/errors';
import { principalOf, type ApiRouter } from '@orchestrator/shared/http';
import { decodeCursor, encodeCursor } from '@orchestrator/shared/pagination';
import type { Clock, Database } from '@orchestrator/shared/ports';
import {
  CreateWebhookRequestSchema,
  DeliveryListQuerySchema,
  DeliveryListResponseSchema,
  DeliverySchema,
  UpdateWebhookRequestSchema,
  WebhookListResponseSchema,
  WebhookSchema,
} from '../contracts/index.ts';
import { newWebhookSecret } from '../domain/index.ts';
import { audit, FORM_EDITORS, FormIdParamsSchema } from './forms-router.ts';
import { FormsRepository } from './forms-repository.ts';
import { webhookUrlProblem } from './webhook-sender.ts';
import { WebhooksRepository } from './webhooks-repository.ts';

const WebhookParamsSchema = z.object({ id: z.uuid(), wid: z.uuid() });
const DeliveryParamsSchema = z.object({ id: z.uuid(), wid: z.uuid(), did: z.uuid() });
const DeliveryCursorSchema = z.object({ c: z.string(), i: z.uuid() });

export interface WebhookRoutesDependencies {
  database: Database;
  clock: Clock;
  /** Accept loopback / private targets (local mode and tests). */
  allowPrivateNetworks: boolean;
  /** Wakes the integrations worker after a redelivery commits. */
  onQueued: () => void;
}

/** Webhooks of a form (CRUD), their delivery log, and manual redelivery. */
export function addWebhookRoutes(api: ApiRouter, deps: WebhookRoutesDependencies): void {
  const { database, clock } = deps;
  const forms = new FormsRepository();
  const webhooks = new WebhooksRepository();

  const checkUrl = (url: string | undefined) => {
    const problem = url === undefined ? undefined : webhookUrlProblem(url, deps.allowPrivateNetworks);
    if (problem)
      throw new ValidationError('The webhook URL cannot be used', [{ field: 'body.url', message: problem }]);
  };

  api.get(
    '/:id/webhooks',
    {
      summary: 'List the webhooks of a form',
      params: FormIdParamsSchema,
      response: WebhookListResponseSchema,
    },
    async ({ params, req }) =>
      database.tenantTx(principalOf(req).tenantId, async (tx) => {
        if (!(await forms.get(tx, params.id))) throw new NotFoundError('No such form');
        return { items: await webhooks.list(tx, params.id) };
      }),
  );

  api.post(
    '/:id/webhooks',
    {
      summary: 'Add a webhook (a signing secret is generated)',
      roles: [...FORM_EDITORS],
      params: FormIdParamsSchema,
      body: CreateWebhookRequestSchema,
      response: WebhookSchema,
    },
    async ({ params, body, req }) => {
      checkUrl(body.url);
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        if (!(await forms.get(tx, params.id))) throw new NotFoundError('No such form');
        const webhook = await webhooks.create(tx, principal.tenantId, params.id, {
          url: body.url,
          secret: newWebhookSecret(),
          enabled: body.enabled,
          events: body.events,
        });
        await audit(tx, principal, req, 'form_webhook.created', webhook.id, {
          formId: params.id,
          url: webhook.url,
        });
        return webhook;
      });
    },
  );

  api.get(
    '/:id/webhooks/:wid',
    { summary: 'Read a webhook', params: WebhookParamsSchema, response: WebhookSchema },
    async ({ params, req }) => {
      const webhook = await database.tenantTx(principalOf(req).tenantId, (tx) =>
        webhooks.get(tx, params.id, params.wid),
      );
      if (!webhook) throw new NotFoundError('No such webhook');
      return webhook;
    },
  );

  api.patch(
    '/:id/webhooks/:wid',
    {
      summary: 'Change the URL, enable / disable, or rotate the secret of a webhook',
      roles: [...FORM_EDITORS],
      params: WebhookParamsSchema,
      body: UpdateWebhookRequestSchema,
      response: WebhookSchema,
    },
    async ({ params, body, req }) => {
      checkUrl(body.url);
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const webhook = await webhooks.update(tx, params.id, params.wid, {
          url: body.url,
          enabled: body.enabled,
          events: body.events,
          secret: body.rotateSecret ? newWebhookSecret() : undefined,
        });
        if (!webhook) throw new NotFoundError('No such webhook');
        await audit(tx, principal, req, 'form_webhook.updated', webhook.id, {
          ...(body.url ? { url: body.url } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
          ...(body.rotateSecret ? { secretRotated: true } : {}),
        });
        return webhook;
      });
    },
  );

  api.delete(
    '/:id/webhooks/:wid',
    {
      summary: 'Delete a webhook and its delivery log',
      roles: [...FORM_EDITORS],
      status: 204,
      params: WebhookParamsSchema,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      await database.tenantTx(principal.tenantId, async (tx) => {
        if (!(await webhooks.delete(tx, params.id, params.wid))) throw new NotFoundError('No such webhook');
        await audit(tx, principal, req, 'form_webhook.deleted', params.wid);
      });
    },
  );

  api.get(
    '/:id/webhooks/:wid/deliveries',
    {
      summary: 'The delivery log of a webhook, newest first, with every attempt',
      params: WebhookParamsSchema,
      query: DeliveryListQuerySchema,
      response: DeliveryListResponseSchema,
    },
    async ({ params, query, req }) => {
      const after = decodeCursor(query.cursor, DeliveryCursorSchema);
      return database.tenantTx(principalOf(req).tenantId, async (tx) => {
        if (!(await webhooks.get(tx, params.id, params.wid))) throw new NotFoundError('No such webhook');
        const rows = await webhooks.deliveries(tx, params.wid, {
          status: query.status,
          after: after && { createdAt: after.c, id: after.i },
          limit: query.limit + 1,
        });
        const items = rows.slice(0, query.limit);
        const last = items[items.length - 1];
        return {
          items,
          nextCursor:
            rows.length > query.limit && last ? encodeCursor({ c: last.createdAt, i: last.id }) : null,
        };
      });
    },
  );

  api.post(
    '/:id/webhooks/:wid/deliveries/:did/redeliver',
    {
      summary: 'Send a delivery again now (one more attempt, whatever its status)',
      roles: [...FORM_EDITORS],
      status: 202,
      params: DeliveryParamsSchema,
      response: DeliverySchema,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        if (!(await webhooks.get(tx, params.id, params.wid))) throw new NotFoundError('No such webhook');
        if (!(await webhooks.redeliver(tx, params.wid, params.did, clock.now().toISOString()))) {
          throw new NotFoundError('No such delivery');
        }
        await audit(tx, principal, req, 'form_webhook.redelivered', params.did);
        tx.afterCommit(deps.onQueued);
        return (await webhooks.delivery(tx, params.wid, params.did))!;
      });
    },
  );
}
