import type { Database, Queryable } from '../ports/index.ts';

/**
 * `database.systemQuery` as a `Queryable`: for repositories written against `Queryable` whose single
 * statement needs no transaction around it (each is committed on its own, as the owner).
 */
export function systemQueryable(database: Database): Queryable {
  return { query: (sql, params) => database.systemQuery(sql, params) };
}
