/**
 * A table holds rows per profile but the app role may not read or delete them: an export would be
 * incomplete and an erasure would leave data behind, so both refuse (a 500 naming the table) until
 * the table's migration grants SELECT and DELETE to orchestrator_app.
 */
export class UnreachableTableError extends Error {
  override readonly name = 'UnreachableTableError';

  constructor(
    readonly table: string,
    readonly privilege: 'SELECT' | 'DELETE',
  ) {
    super(`Table ${table} holds rows per profile, but orchestrator_app lacks ${privilege} on it`);
  }
}
