import { mkdirSync } from 'node:fs';
import { PGlite, types, type Results, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { QueryResult, Tx } from '../ports/index.ts';
import type { AfterCommitQueue } from './after-commit-queue.ts';
import { EmbeddedAutovacuum, type EmbeddedAutovacuumOptions } from './embedded-autovacuum.ts';
import { TransactionalDatabase } from './transactional-database.ts';

/** int8 as a JS number (offsets, counts) so PGlite and `pg` answer alike; values stay far below 2^53. */
const parsers = { [types.INT8]: (value: string) => Number(value) };

/**
 * The embedded database of local mode and tests: real PostgreSQL (with pgvector) in WASM, in-process.
 * It is one session, so transactions are serialized by PGlite itself.
 */
export class PgliteDatabase extends TransactionalDatabase {
  readonly engine = 'pglite';

  private readonly autovacuum: EmbeddedAutovacuum;

  private constructor(
    private readonly pg: PGlite,
    autovacuum: EmbeddedAutovacuumOptions,
  ) {
    super();
    // PGlite has no autovacuum of its own: the database runs one for as long as it is open.
    this.autovacuum = new EmbeddedAutovacuum(pg, autovacuum);
    this.autovacuum.start();
  }

  /** `dataDir` persists to disk; `memory` (or undefined) keeps everything in memory. */
  static async open(
    dataDir?: string,
    options: { autovacuum?: EmbeddedAutovacuumOptions } = {},
  ): Promise<PgliteDatabase> {
    const persistent = dataDir !== undefined && dataDir !== 'memory';
    if (persistent) mkdirSync(dataDir, { recursive: true });
    const pg = await PGlite.create(persistent ? dataDir : undefined, { extensions: { vector }, parsers });
    return new PgliteDatabase(pg, options.autovacuum ?? {});
  }

  /** One autovacuum pass now (tests; the database runs them on its own every few seconds). */
  autovacuumOnce() {
    return this.autovacuum.runOnce();
  }

  async ping(): Promise<void> {
    await this.pg.query('SELECT 1');
  }

  async vacuum(table: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
    await this.pg.exec(`VACUUM ${table}`);
  }

  async close(): Promise<void> {
    await this.autovacuum.stop();
    if (!this.pg.closed) await this.pg.close();
  }

  protected async runStatement<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    // As for transactions: a macrotask turn first, so loops of statements cannot starve the event loop.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return resultOf(await this.pg.query<R>(sql, params as unknown[] | undefined));
  }

  protected async runTransaction<T>(
    work: (tx: Tx) => Promise<T>,
    afterCommit: AfterCommitQueue,
    opening?: string,
  ): Promise<T> {
    // PGlite answers in promise callbacks, so workers that keep transactions queued would starve the
    // event loop of timers and sockets for seconds (docs/benchmarks.md); a macrotask turn lets them run.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return this.pg.transaction(async (transaction) => {
      if (opening) await transaction.query(opening);
      return work(wrap(transaction, afterCommit));
    });
  }
}

function wrap(transaction: Transaction, afterCommit: AfterCommitQueue): Tx {
  return {
    async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      return resultOf(await transaction.query<R>(sql, params as unknown[] | undefined));
    },
    async exec(script: string): Promise<void> {
      await transaction.exec(script);
    },
    afterCommit: (callback) => afterCommit.add(callback),
  };
}

function resultOf<R>(result: Results<R>): QueryResult<R> {
  return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
}
