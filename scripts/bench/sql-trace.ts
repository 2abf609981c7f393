/** `--trace-sql`: where the database time goes (statement text → count, total and slowest ms), printed per phase. */
import { PgPoolDatabase, PgliteDatabase } from '@orchestrator/shared/db';
import type { Tx } from '@orchestrator/shared/ports';
import { now, args } from './bench-options.ts';

export const sqlTimes = new Map<string, { count: number; ms: number; maxMs: number }>();

/** Times `run` under the statement's text. */
async function timed<T>(sql: string, run: () => Promise<T>): Promise<T> {
  const started = now();
  try {
    return await run();
  } finally {
    const key = sql.replace(/\s+/g, ' ').slice(0, 100);
    const entry = sqlTimes.get(key) ?? { count: 0, ms: 0, maxMs: 0 };
    const ms = now() - started;
    entry.count++;
    entry.ms += ms;
    entry.maxMs = Math.max(entry.maxMs, ms);
    sqlTimes.set(key, entry);
  }
}

export function traceSql(): void {
  for (const adapter of [PgPoolDatabase, PgliteDatabase]) {
    const prototype = adapter.prototype as unknown as {
      runTransaction(
        work: (tx: Tx) => Promise<unknown>,
        afterCommit: unknown,
        opening?: string,
      ): Promise<unknown>;
      runStatement(sql: string, params?: readonly unknown[]): Promise<unknown>;
    };
    const originalTransaction = prototype.runTransaction;
    prototype.runTransaction = function (work, afterCommit, opening) {
      return originalTransaction.call(
        this,
        (tx: Tx) =>
          work({
            ...tx,
            query: (sql, params) => timed(sql, () => tx.query(sql, params)),
          } as Tx),
        afterCommit,
        opening,
      );
    };
    // Statements run on their own (Database.systemQuery).
    const originalStatement = prototype.runStatement;
    prototype.runStatement = function (sql, params) {
      return timed(sql, () => originalStatement.call(this, sql, params));
    };
  }
}

export function printSqlTimes(): void {
  if (!args['trace-sql']) return;
  for (const [sql, { count, ms, maxMs }] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
    console.log(
      `    ${ms.toFixed(0).padStart(8)} ms ${String(count).padStart(7)}× (slowest ${maxMs.toFixed(0).padStart(5)} ms) ${sql}`,
    );
  }
  sqlTimes.clear();
}
