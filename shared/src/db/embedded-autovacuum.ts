/** What the autovacuum needs of the embedded database: statements run outside any transaction. */
export interface AutovacuumSession {
  query<R>(sql: string): Promise<{ rows: R[] }>;
  exec(sql: string): Promise<unknown>;
}

export interface EmbeddedAutovacuumOptions {
  /** Pause between two looks at the tables' statistics (PostgreSQL's `autovacuum_naptime`). */
  intervalMs?: number;
  logError?: (message: string, error: unknown) => void;
}

export interface AutovacuumPass {
  vacuumed: string[];
  analyzed: string[];
}

/**
 * PostgreSQL's autovacuum for PGlite, which has none: PGlite is a single session with no background
 * workers, so without this no table is ever vacuumed or analyzed. Updated rows (flow runs, steps,
 * outbox, embedding jobs) then bloat their tables and indexes for good, the planner plans with no
 * statistics at all, and a long-lived data directory would in the end stop at transaction-id wraparound.
 *
 * A pass applies the server's default rules to the cumulative statistics PGlite does keep: vacuum a
 * table when its dead rows exceed 50 + 20% of its rows (`autovacuum_vacuum_threshold`,
 * `…_scale_factor`) or its oldest unfrozen transaction id is 200 million transactions old
 * (`autovacuum_freeze_max_age`); analyze it when its changes since the last analyze exceed
 * 50 + 10% (`autovacuum_analyze_…`). Unlike the server's, this one runs in the application's only
 * session and holds it while it works, so it does less at a time:
 * - no vacuum for inserts alone (`…_insert_threshold`): it only keeps the visibility map current;
 * - ANALYZE samples 3,000 rows (statistics target 10) instead of 30,000: sampling the JSON payloads of
 *   `flow_steps` at the default target held the session for ~400 ms;
 * - each table is its own statement, so the application's statements run between them.
 */
export class EmbeddedAutovacuum {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<unknown> | undefined;
  private running = false;
  /** Set by stop(): a pass in progress ends after its current table. */
  private stopping = false;

  constructor(
    private readonly session: AutovacuumSession,
    private readonly options: EmbeddedAutovacuumOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    clearTimeout(this.timer);
    await this.pass;
  }

  /** Vacuums and analyzes what the rules above say is due; returns the tables it worked on. */
  async runOnce(): Promise<AutovacuumPass> {
    const { rows } = await this.session.query<{ table: string; vacuum: boolean; analyze: boolean }>(
      `SELECT "table", vacuum, "analyze" FROM (
         SELECT quote_ident(s.relname) AS "table", s.n_dead_tup,
                s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0) OR age(c.relfrozenxid) > 200000000 AS vacuum,
                s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) AS "analyze"
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
         WHERE s.schemaname = 'public') due
       WHERE vacuum OR "analyze"
       ORDER BY n_dead_tup DESC`,
    );
    const done: AutovacuumPass = { vacuumed: [], analyzed: [] };
    for (const { table, vacuum, analyze } of rows) {
      if (this.stopping) break;
      if (vacuum) {
        await this.session.exec(`VACUUM ${table}`);
        done.vacuumed.push(table);
      }
      if (analyze) {
        // Both in one implicit transaction: the smaller sample applies to this ANALYZE only.
        await this.session.exec(`SET LOCAL default_statistics_target = 10; ANALYZE ${table}`);
        done.analyzed.push(table);
      }
    }
    return done;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.pass = this.runOnce()
        .catch((error) => {
          // A closing database ends the loop; anything else is retried on the next pass.
          if (this.running) (this.options.logError ?? console.error)('embedded autovacuum failed', error);
        })
        .finally(() => {
          this.pass = undefined;
          if (this.running) this.schedule();
        });
    }, this.options.intervalMs ?? 5_000);
    this.timer.unref();
  }
}
