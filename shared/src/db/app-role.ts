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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertTenantId(tenantId: string): void {
  if (!UUID.test(tenantId)) throw new Error(`Tenant id must be a UUID, got "${tenantId}"`);
}
