/**
 * CPU seconds spent by each part of the system during a phase: this process (the suite — and the
 * load client's thread, which Node cannot tell apart), the PostgreSQL backends serving the bench's
 * database, and the Kafka broker when its pid file is known (scripts/kafka/start.sh writes
 * `$KAFKA_HOME/kafka.pid`). Unlike events/s these do not depend on what else the machine runs, so
 * CPU per event says what the design costs, and what a dedicated machine could sustain.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

export interface CpuSeconds {
  /** This process: the suite and the load client's thread. */
  node: number;
  /** Of which the load client's thread (it reports its own: process.threadCpuUsage()). */
  loadClient?: number;
  postgres?: number;
  kafka?: number;
}

export interface CpuSources {
  /** The bench's own database on the server (absent: PGlite, inside this process). */
  databaseUrl?: string;
  /** Whether the bus is Kafka (then the broker's pid file is looked for). */
  kafka: boolean;
  /** Other processes of the suite (`--split-roles`), counted with this one as `node`. */
  processes?: number[];
}

function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

function kafkaPid(): number | undefined {
  const home = process.env.KAFKA_HOME ?? join(homedir(), '.cache', 'orchestrator-kafka');
  const file = join(home, 'kafka.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && cpuSecondsOf(pid) !== undefined ? pid : undefined;
}

/** Backend pids connected to the database of `url`, with their CPU seconds so far. */
async function backendTimes(url: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    const times = new Map<number, number>();
    for (const { pid } of rows) {
      const seconds = cpuSecondsOf(pid);
      if (seconds !== undefined) times.set(pid, seconds);
    }
    return times;
  } finally {
    await client.end();
  }
}

/**
 * Starts counting; `stop` returns the CPU seconds since. Backends that connect meanwhile count from
 * zero; one that disconnects before `stop` is missed (the pool keeps its connections while busy).
 */
export async function startCpuAccounting(sources: CpuSources): Promise<{ stop(): Promise<CpuSeconds> }> {
  const node = process.cpuUsage();
  const others = (sources.processes ?? []).map((pid) => ({ pid, seconds: cpuSecondsOf(pid) ?? 0 }));
  const postgres = sources.databaseUrl ? await backendTimes(sources.databaseUrl) : undefined;
  const pid = sources.kafka ? kafkaPid() : undefined;
  const kafka = pid === undefined ? undefined : cpuSecondsOf(pid);
  return {
    async stop() {
      const usage = process.cpuUsage(node);
      const children = others.reduce(
        (sum, { pid, seconds }) => sum + ((cpuSecondsOf(pid) ?? seconds) - seconds),
        0,
      );
      const result: CpuSeconds = { node: round((usage.user + usage.system) / 1e6 + children) };
      if (sources.databaseUrl && postgres) {
        let total = 0;
        for (const [backend, seconds] of await backendTimes(sources.databaseUrl)) {
          total += seconds - (postgres.get(backend) ?? 0);
        }
        result.postgres = round(total);
      }
      if (pid !== undefined && kafka !== undefined) {
        const now = cpuSecondsOf(pid);
        if (now !== undefined) result.kafka = round(now - kafka);
      }
      return result;
    },
  };
}

/** Milliseconds of CPU per event, per part and in total. */
export function cpuPerEvent(
  seconds: CpuSeconds,
  events: number,
): CpuSeconds & { total: number; withoutLoadClient?: number } {
  const per = (value: number | undefined) =>
    value === undefined ? undefined : round((value * 1000) / events);
  const node = per(seconds.node)!;
  const loadClient = per(seconds.loadClient);
  const postgres = per(seconds.postgres);
  const kafka = per(seconds.kafka);
  const total = round(node + (postgres ?? 0) + (kafka ?? 0));
  return {
    node,
    loadClient,
    postgres,
    kafka,
    total,
    ...(loadClient !== undefined && { withoutLoadClient: round(total - loadClient) }),
  };
}

/** "1.05 ms (suite and load client 0.46 of which the load client 0.03, PostgreSQL 0.46, Kafka 0.14; 1.02 ms without the load client)". */
export function describeCpu(cpu: ReturnType<typeof cpuPerEvent>): string {
  const client = cpu.loadClient === undefined ? '' : ` of which the load client ${cpu.loadClient}`;
  const without =
    cpu.withoutLoadClient === undefined ? '' : `; ${cpu.withoutLoadClient} ms without the load client`;
  return (
    `${cpu.total} ms (suite and load client ${cpu.node}${client}, PostgreSQL ${cpu.postgres ?? '-'}, ` +
    `Kafka ${cpu.kafka ?? '-'}${without})`
  );
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
