import type { Tx } from '../ports/index.ts';

export interface AuditEntry {
  tenantId: string;
  action: string;
  actorUserId?: string;
  actorApiKeyId?: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

/** Appends to the tenant's audit log inside the caller's transaction (the app role cannot edit it later). */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (tenant_id, actor_user_id, actor_api_key_id, action, target_type, target_id, details, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.tenantId,
      entry.actorUserId ?? null,
      entry.actorApiKeyId ?? null,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      JSON.stringify(entry.details ?? {}),
      entry.requestId ?? null,
    ],
  );
}
