import { isUuid } from '../contracts/uuid.ts';

/** The non-superuser role every tenant request runs as; created by the first migration. */
export const APP_ROLE = 'orchestrator_app';

/**
 * The statement that walls the current transaction to one tenant (RLS policies read `app.tenant_id`).
 * The id is inlined — it is checked to be a UUID first — so the adapters can send it with BEGIN in one
 * round trip.
 */
export function enterTenantSql(tenantId: string): string {
  assertTenantId(tenantId);
  return `SELECT set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', '${tenantId}', true)`;
}

export function assertTenantId(tenantId: string): void {
  if (!isUuid(tenantId)) throw new Error(`Tenant id must be a UUID, got "${tenantId}"`);
}
