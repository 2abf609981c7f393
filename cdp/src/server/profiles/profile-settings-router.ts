import { z } from 'zod';
import { recordAudit } from '@orchestrator/shared/audit';
import { ApiRouter, principalOf, type ApiKernel, type Principal } from '@orchestrator/shared/http';
import { PageQuerySchema, decodeCursor, pageOf, toPage } from '@orchestrator/shared/pagination';
import type { Database, Tx } from '@orchestrator/shared/ports';
import { BlockedIdentifierRepository } from './blocked-identifier-repository.ts';
import {
  BlockedIdentifierListSchema,
  IdentityRulesSchema,
  IdentityRulesSettingsSchema,
} from '../../contracts/identity-settings-api.ts';
import { TraitDefinitionListSchema } from '../../contracts/trait-definitions-api.ts';
import { IdentityRulesRepository } from './identity-rules-repository.ts';
import { TraitDefinitionRepository } from './trait-definition-repository.ts';

const RejectedMessageSchema = z.object({
  id: z.number(),
  sourceId: z.string().nullable(),
  messageId: z.string().nullable(),
  reason: z.string(),
  payload: z.unknown(),
  createdAt: z.string(),
});

/**
 * A workspace's profile settings: trait definitions (label and merge strategy per trait), its identity
 * rules and additions to the blocked identifier list, and the messages the profile builder had to reject.
 */
export function profileSettingsRouter(kernel: ApiKernel, database: Database): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1/cdp', 'CDP');
  const traitDefinitions = new TraitDefinitionRepository();
  const blocked = new BlockedIdentifierRepository();
  const identityRules = new IdentityRulesRepository();

  api.get(
    '/trait-definitions',
    {
      summary: 'Trait definitions: label, type and merge strategy per trait',
      response: TraitDefinitionListSchema,
    },
    async ({ req }) => ({
      items: await database.tenantTx(principalOf(req).tenantId, (tx) => traitDefinitions.list(tx)),
    }),
  );

  api.put(
    '/trait-definitions',
    {
      summary: 'Replace the trait definitions (applies to messages processed from now on)',
      roles: ['admin'],
      body: TraitDefinitionListSchema,
      response: TraitDefinitionListSchema,
    },
    async ({ body, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        await traitDefinitions.replace(tx, principal.tenantId, body.items);
        await auditReplaced(tx, principal, req.id, 'cdp.trait_definitions.replaced', body.items.length);
        return { items: await traitDefinitions.list(tx) };
      });
    },
  );

  api.get(
    '/blocked-identifiers',
    {
      summary: "The workspace's blocked identifier values (in addition to the built-in placeholders)",
      response: BlockedIdentifierListSchema,
    },
    async ({ req }) => ({
      items: await database.tenantTx(principalOf(req).tenantId, (tx) => blocked.list(tx)),
    }),
  );

  api.put(
    '/blocked-identifiers',
    {
      summary: 'Replace the blocked identifier values (applies to messages processed from now on)',
      roles: ['admin'],
      body: BlockedIdentifierListSchema,
      response: BlockedIdentifierListSchema,
    },
    async ({ body, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        await blocked.replace(tx, principal.tenantId, body.items);
        await auditReplaced(tx, principal, req.id, 'cdp.blocked_identifiers.replaced', body.items.length);
        return { items: await blocked.list(tx) };
      });
    },
  );

  api.get(
    '/identity-rules',
    {
      summary:
        "The workspace's identity rules: a limit per identifier type, their priority, which types link events",
      response: IdentityRulesSettingsSchema,
    },
    async ({ req }) => database.tenantTx(principalOf(req).tenantId, (tx) => identityRules.get(tx)),
  );

  api.put(
    '/identity-rules',
    {
      summary: 'Replace the identity rules (applies to messages processed from now on)',
      roles: ['admin'],
      body: IdentityRulesSchema,
      response: IdentityRulesSettingsSchema,
    },
    async ({ body, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        await identityRules.replace(tx, principal.tenantId, body);
        await recordAudit(tx, {
          tenantId: principal.tenantId,
          actorUserId: principal.userId,
          actorApiKeyId: principal.apiKeyId,
          action: 'cdp.identity_rules.replaced',
          details: { rules: body },
          requestId: req.id,
        });
        return identityRules.get(tx);
      });
    },
  );

  api.delete(
    '/identity-rules',
    {
      summary: 'Go back to the default identity rules (applies to messages processed from now on)',
      roles: ['admin'],
      response: IdentityRulesSettingsSchema,
    },
    async ({ req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        await identityRules.reset(tx);
        await recordAudit(tx, {
          tenantId: principal.tenantId,
          actorUserId: principal.userId,
          actorApiKeyId: principal.apiKeyId,
          action: 'cdp.identity_rules.reset',
          requestId: req.id,
        });
        return identityRules.get(tx);
      });
    },
  );

  api.get(
    '/rejected-messages',
    {
      summary: 'Messages the profile builder could not process, newest first',
      roles: ['admin'],
      query: PageQuerySchema,
      response: pageOf(RejectedMessageSchema),
    },
    async ({ query, req }) => {
      const before = decodeCursor(query.cursor, z.number().int());
      const { rows } = await database.tenantTx(principalOf(req).tenantId, (tx) =>
        tx.query<{
          id: number;
          source_id: string | null;
          message_id: string | null;
          reason: string;
          payload: unknown;
          created_at: Date;
        }>(
          `SELECT id, source_id, message_id, reason, payload, created_at FROM cdp_rejected_messages
           WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
          [before ?? null, query.limit + 1],
        ),
      );
      return toPage(
        rows,
        query.limit,
        (row) => ({
          id: row.id,
          sourceId: row.source_id,
          messageId: row.message_id,
          reason: row.reason,
          payload: row.payload,
          createdAt: row.created_at.toISOString(),
        }),
        (row) => row.id,
      );
    },
  );

  return api;
}

function auditReplaced(tx: Tx, principal: Principal, requestId: string, action: string, count: number) {
  return recordAudit(tx, {
    tenantId: principal.tenantId,
    actorUserId: principal.userId,
    actorApiKeyId: principal.apiKeyId,
    action,
    details: { count },
    requestId,
  });
}
