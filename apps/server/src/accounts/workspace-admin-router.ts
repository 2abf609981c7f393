import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '@orchestrator/shared/audit';
import {
  ApiKeySchema,
  AuditEntrySchema,
  CreateApiKeyRequestSchema,
  CreatedApiKeySchema,
} from '@orchestrator/shared/contracts';
import { NotFoundError } from '@orchestrator/shared/errors';
import { API_KEY_PREFIX, ApiRouter, principalOf, type ApiKernel } from '@orchestrator/shared/http';
import { PageQuerySchema, decodeCursor, pageOf, toPage } from '@orchestrator/shared/pagination';
import type { Database } from '@orchestrator/shared/ports';
import { sha256 } from './accounts-repository.ts';

interface ApiKeyRow {
  id: string;
  name: string;
  role: z.infer<typeof ApiKeySchema>['role'];
  prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

const toApiKey = (row: ApiKeyRow) => ({
  id: row.id,
  name: row.name,
  role: row.role,
  prefix: row.prefix,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomPrefix = () => Array.from(randomBytes(8), (byte) => alphabet[byte % alphabet.length]).join('');

/** Workspace API keys for servers and scripts (admins only), and the workspace's audit log. */
export function workspaceAdminRouter(kernel: ApiKernel, database: Database): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1/workspace', 'Workspace');

  api.post(
    '/api-keys',
    {
      summary: 'Create an API key (its secret is shown once)',
      roles: ['admin'],
      body: CreateApiKeyRequestSchema,
      response: CreatedApiKeySchema,
    },
    async ({ body, req }) => {
      const principal = principalOf(req);
      const prefix = randomPrefix();
      const key = `${API_KEY_PREFIX}${prefix}_${randomBytes(24).toString('base64url')}`;
      const row = await database.tenantTx(principal.tenantId, async (tx) => {
        const { rows } = await tx.query<ApiKeyRow>(
          `INSERT INTO api_keys (tenant_id, name, prefix, secret_hash, role, created_by)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, name, role, prefix, created_at, revoked_at`,
          [principal.tenantId, body.name, prefix, sha256(key), body.role, principal.userId ?? null],
        );
        await recordAudit(tx, {
          tenantId: principal.tenantId,
          actorUserId: principal.userId,
          actorApiKeyId: principal.apiKeyId,
          action: 'api_key.created',
          targetType: 'api_key',
          targetId: rows[0]!.id,
          details: { name: body.name, role: body.role },
          requestId: req.id,
        });
        return rows[0]!;
      });
      return { ...toApiKey(row), key };
    },
  );

  api.get(
    '/api-keys',
    { summary: 'List API keys', roles: ['admin'], response: z.object({ items: z.array(ApiKeySchema) }) },
    async ({ req }) => {
      const { rows } = await database.tenantTx(principalOf(req).tenantId, (tx) =>
        tx.query<ApiKeyRow>(
          'SELECT id, name, role, prefix, created_at, revoked_at FROM api_keys ORDER BY created_at DESC',
        ),
      );
      return { items: rows.map(toApiKey) };
    },
  );

  api.delete(
    '/api-keys/:id',
    { summary: 'Revoke an API key', roles: ['admin'], status: 204, params: z.object({ id: z.uuid() }) },
    async ({ params, req }) => {
      const principal = principalOf(req);
      await database.tenantTx(principal.tenantId, async (tx) => {
        const { rowCount } = await tx.query(
          'UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1',
          [params.id],
        );
        if (rowCount === 0) throw new NotFoundError('No such API key');
        await recordAudit(tx, {
          tenantId: principal.tenantId,
          actorUserId: principal.userId,
          actorApiKeyId: principal.apiKeyId,
          action: 'api_key.revoked',
          targetType: 'api_key',
          targetId: params.id,
          requestId: req.id,
        });
      });
    },
  );

  api.get(
    '/audit-log',
    {
      summary: 'The workspace audit log, newest first',
      roles: ['admin'],
      query: PageQuerySchema,
      response: pageOf(AuditEntrySchema),
    },
    async ({ query, req }) => {
      const before = decodeCursor(query.cursor, z.number().int());
      const { rows } = await database.tenantTx(principalOf(req).tenantId, (tx) =>
        tx.query<{
          id: number;
          action: string;
          actor_user_id: string | null;
          actor_api_key_id: string | null;
          target_type: string | null;
          target_id: string | null;
          details: Record<string, unknown>;
          request_id: string | null;
          created_at: Date;
        }>(
          `SELECT id, action, actor_user_id, actor_api_key_id, target_type, target_id, details, request_id, created_at
           FROM audit_log WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
          [before ?? null, query.limit + 1],
        ),
      );
      return toPage(
        rows,
        query.limit,
        (row) => ({
          id: row.id,
          action: row.action,
          actorUserId: row.actor_user_id,
          actorApiKeyId: row.actor_api_key_id,
          targetType: row.target_type,
          targetId: row.target_id,
          details: row.details,
          requestId: row.request_id,
          createdAt: row.created_at.toISOString(),
        }),
        (row) => row.id,
      );
    },
  );

  return api;
}
