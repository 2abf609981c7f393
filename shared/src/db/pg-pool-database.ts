import pg from 'pg';
import type { QueryResult, Tx } from '../ports/index.ts';
import type { AfterCommitQueue } from './after-commit-queue.ts';
import { TransactionalDatabase } from './transactional-database.ts';

const INT8_OID = 20;
/** How long close() waits for the server to close the connections (a hung server must not hang shutdown). */
const CLOSE_WAIT_MS = 5_000;

/** A PostgreSQL server (or Supabase) through a `pg` connection pool: staging, CI, and concurrency tests. */
export class PgPoolDatabase extends TransactionalDatabase {
  readonly engine = 'postgres';
  private readonly pool: pg.Pool;
  /** Connections not closed yet, each with the promise of its end (see close). */
  private readonly connections = new Set<Promise<void>>();

  constructor(connectionString: string, options: { max?: number; applicationName?: string } = {}) {
    super();
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      application_name: options.applicationName ?? 'orchestrator',
      // int8 as a JS number, as in PgliteDatabase.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID
            ? (value: string) => Number(value)
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.pool.on('error', (error) => console.error('idle postgres client failed', error.message));
    this.pool.on('connect', (client) => {
      const ended = new Promise<void>((done) => client.once('end', () => done()));
      this.connections.add(ended);
      void ended.then(() => this.connections.delete(ended));
    });
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** Autovacuum reclaims deleted rows on a server; an explicit VACUUM would only compete with it. */
  async vacuum(): Promise<void> {}

  /**
   * Resolves once every connection is closed, not just asked to close (as pool.end() does): whoever
   * drops the database or stops the server next would otherwise cut connections still saying goodbye.
   * A server that never answers the goodbye gets CLOSE_WAIT_MS.
   */
  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.connections),
      new Promise((giveUp) => (timer = setTimeout(giveUp, CLOSE_WAIT_MS).unref())),
    ]);
    clearTimeout(timer);
  }

  protected async runStatement<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return resultOf<R>(await this.pool.query(sql, params as unknown[] | undefined));
  }

  protected async runTransaction<T>(
    work: (tx: Tx) => Promise<T>,
    afterCommit: AfterCommitQueue,
    opening?: string,
  ): Promise<T> {
    const client = await this.pool.connect();
    let broken: unknown;
    try {
      // One round trip (the simple protocol takes several statements): on a busy server every one counts.
      await client.query(opening ? `BEGIN; ${opening}` : 'BEGIN');
      const value = await work({
        async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
          return resultOf<R>(await client.query(sql, params as unknown[] | undefined));
        },
        async exec(script: string): Promise<void> {
          await client.query(script);
        },
        afterCommit: (callback) => afterCommit.add(callback),
      });
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
      throw error;
    } finally {
      // A client whose rollback failed is in an unknown state: destroy it rather than reuse it.
      client.release(broken instanceof Error ? broken : undefined);
    }
  }
}

function resultOf<R>(result: pg.QueryResult): QueryResult<R> {
  return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
}
