/** The non-superuser role every tenant request runs as; created by the first migration. */
export const APP_ROLE = 'orchestrator_app';

/** Statements that wall the current transaction to one tenant (RLS policies read `app.tenant_id`). */
export const ENTER_TENANT_SQL = `SELECT set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', $1, true)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertTenantId(tenantId: string): void {
  if (!UUID.test(tenantId)) throw new Error(`Tenant id must be a UUID, got "${tenantId}"`);
}
