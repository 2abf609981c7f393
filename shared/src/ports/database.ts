/** What a repository needs from a connection: parameterized SQL, nothing else. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

export interface QueryResult<R> {
  rows: R[];
  /** Rows returned or affected (0 when the driver cannot tell). */
  rowCount: number;
}

/** A connection inside one open transaction. */
export interface Tx extends Queryable {
  /** Runs a script of several statements without parameters (migrations, fixtures). */
  exec(script: string): Promise<void>;
  /** Runs `callback` after this transaction commits (never on rollback); used to wake relays and workers. */
  afterCommit(callback: () => void): void;
}

/**
 * The database port. All business data is read and written inside a transaction:
 * `tenantTx` runs as the non-superuser app role with `app.tenant_id` set, so Row Level Security walls
 * every query to that tenant; `systemTx` runs as the owner for work that spans tenants (migrations,
 * sign-in look-ups, relays and workers). Transactions do not nest: pass `tx` down instead.
 */
export interface Database {
  readonly engine: 'pglite' | 'postgres';
  tenantTx<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  systemTx<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * One statement as the owner, committed on its own: `systemTx` with a single query, in one round
   * trip instead of three (BEGIN, the statement, COMMIT). For the loops that poll and relay all day
   * (the bus, the outbox relay, job queues). Refused inside a transaction, like a nested one.
   */
  systemQuery<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Cheap liveness query for /readyz. */
  ping(): Promise<void>;
  /**
   * Makes the space of `table`'s deleted rows reusable, outside any transaction. PGlite runs no
   * autovacuum, so jobs that delete in bulk (log retention) call this; on a server autovacuum does it.
   */
  vacuum(table: string): Promise<void>;
  close(): Promise<void>;
}
