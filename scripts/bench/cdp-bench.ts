/**
 * `npm run bench:cdp` — how fast Segment traffic becomes profiles (issue 3, item 12).
 *
 *   node --import tsx scripts/bench/cdp-bench.ts [--mode embedded|postgres|kafka|all]
 *        [--events N] [--anonymous N] [--merge-share 0.2] [--batch 100] [--clients 8]
 *        [--rate N] [--rate-seconds 20] [--rate-batch 10] [--builder-events N] [--max-seconds 150]
 *        [--seed 1] [--progress] [--trace-sql] [--cpu-profile <path>] [--keep-database]
 *        [--keep-kafka-records]
 *
 * Defaults per mode (a run takes about two minutes on a 2-core machine): embedded 20 000 events over
 * 10 000 anonymous ids, fixed rate 50/s, builder alone 5 000; postgres 100 000 / 50 000, 1 000/s,
 * 20 000; kafka 200 000 / 100 000, 1 000/s, 20 000. Requests carry `--batch` messages (fixed rate:
 * `--rate-batch`); `--clients` requests are in flight at most (fixed rate: 64). Diagnostics:
 * `--progress` (each stage once a second), `--trace-sql` (database time per statement, and its slowest run),
 * `--cpu-profile` (the server thread during each phase).
 *
 * Modes (each starts the whole suite in this process, on a database of its own, and drops it after):
 * - embedded: the local binding set — PGlite (on disk in a temporary folder) and the Postgres-log bus;
 * - postgres: the local binding set on the PostgreSQL server (DATABASE_URL) with the Postgres-log bus;
 * - kafka:    the staging binding set — PostgreSQL (DATABASE_URL), Kafka (KAFKA_BROKERS), Redis
 *             (REDIS_URL); the third-party HTTP APIs are the mocks, served over HTTP from a worker
 *             thread (mock-http-server.ts), so the suite's process runs without an interceptor.
 * Default: embedded, plus kafka when DATABASE_URL, KAFKA_BROKERS and REDIS_URL are set.
 *
 * Per mode, on one fresh workspace and source:
 * 1. ceiling — the same events, as event rows, written by plain batched INSERTs (500 rows a statement)
 *    into a scratch table of the same database; the better of one and two writers;
 * 2. builder alone — `--builder-events` messages of the same kind handed straight to
 *    ProfileProcessor.processBatch in chunks of 500, one after another (no HTTP, no bus): what one
 *    consumer's transactions can do on the idle system;
 * 3. throughput — the workload (cdp-workload.ts) POSTed to /v1/batch by a client in a worker thread as
 *    fast as the server answers; end-to-end events/s = events / (first request sent → last event
 *    visible in profiles). "Visible" is the commit of the profile builder's transaction that processed
 *    the event (the bench wraps ProfileProcessor.processBatch to note when it returns); "announced" is
 *    its `Message Processed` event arriving on `cdp.profile-events` after the outbox relay — both are
 *    reported, with latencies from each request's 200;
 * 4. fixed rate — new traffic at `--rate` events/s for `--rate-seconds`, latencies p50/p99 as above.
 * Figures are printed and written to scripts/bench/results/cdp-<mode>.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Session } from 'node:inspector';
import { Worker } from 'node:worker_threads';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { SUPABASE_MOCK_DEFAULT_JWT_SECRET } from '@orchestrator/mocks';
import { CDP_EVENTS_TOPIC } from '@orchestrator/cdp/client';
import {
  CDP_PROFILE_EVENTS_TOPIC,
  type CdpEnvelope,
  type NormalizedMessage,
} from '@orchestrator/cdp/contracts';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import { PgPoolDatabase, PgliteDatabase } from '@orchestrator/shared/db';
import type { Database, EventBus, Subscription, Tx } from '@orchestrator/shared/ports';
import { DEFAULT_CHUNK_SIZE, DEFAULT_PROFILE_CONSUMERS, ProfileProcessor } from '@orchestrator/cdp/server';
import { startSuite, type RunningSuite } from '@orchestrator/server';
import { toStoredColumns } from '../../cdp/src/server/profiles/stored-message.ts';
import type { LoadClientOptions, LoadClientReport } from './cdp-load-client.ts';
import { cpuPerEvent, startCpuAccounting, type CpuSeconds, type CpuSources } from './cpu-accounting.ts';
import { startMockHttpServer } from './mock-http-server.ts';
import { messageIndex, workload, type WorkloadOptions, type WorkloadSummary } from './cdp-workload.ts';

type Mode = 'embedded' | 'postgres' | 'kafka';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const PROFILES_GROUP = 'cdp-profiles';
const CEILING_BATCH = 500;
/** The chunk size of the builder-alone measurement: the consumer's (DEFAULT_CHUNK_SIZE). */
const BUILDER_CHUNK = DEFAULT_CHUNK_SIZE;
const now = () => performance.timeOrigin + performance.now();

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string' },
    events: { type: 'string' },
    anonymous: { type: 'string' },
    'merge-share': { type: 'string', default: '0.2' },
    batch: { type: 'string', default: '100' },
    clients: { type: 'string', default: '8' },
    rate: { type: 'string' },
    'rate-seconds': { type: 'string', default: '20' },
    'rate-batch': { type: 'string', default: '10' },
    'max-seconds': { type: 'string', default: '150' },
    seed: { type: 'string', default: '1' },
    'builder-events': { type: 'string' },
    'keep-kafka-records': { type: 'boolean', default: false },
    'keep-database': { type: 'boolean', default: false },
    progress: { type: 'boolean', default: false },
    'trace-sql': { type: 'boolean', default: false },
    'cpu-profile': { type: 'string' },
  },
});

const number = (name: string, text: string | undefined, fallback?: number): number => {
  const value = text === undefined ? fallback : Number(text);
  if (value === undefined || !Number.isFinite(value) || value < 0) {
    throw new Error(`--${name} must be a non-negative number`);
  }
  return value;
};

/** Per-mode defaults that keep a run within about two minutes on a 2-core machine. */
const DEFAULT_SIZES: Record<
  Mode,
  { events: number; anonymous: number; rate: number; builderEvents: number }
> = {
  embedded: { events: 20_000, anonymous: 10_000, rate: 50, builderEvents: 5_000 },
  postgres: { events: 100_000, anonymous: 50_000, rate: 1_000, builderEvents: 20_000 },
  kafka: { events: 200_000, anonymous: 100_000, rate: 1_000, builderEvents: 20_000 },
};

interface Settings {
  events: number;
  /** Events for the builder-alone measurement (0: skip it). */
  builderEvents: number;
  anonymous: number;
  mergeShare: number;
  batch: number;
  clients: number;
  rate: number;
  rateSeconds: number;
  rateBatch: number;
  maxSeconds: number;
  seed: number;
}

function settingsFor(mode: Mode): Settings {
  const sizes = DEFAULT_SIZES[mode];
  return {
    events: Math.floor(number('events', args.events, sizes.events)),
    anonymous: Math.max(1, Math.floor(number('anonymous', args.anonymous, sizes.anonymous))),
    mergeShare: number('merge-share', args['merge-share']),
    batch: Math.max(1, Math.floor(number('batch', args.batch))),
    clients: Math.max(1, Math.floor(number('clients', args.clients))),
    rate: number('rate', args.rate, sizes.rate),
    builderEvents: Math.floor(number('builder-events', args['builder-events'], sizes.builderEvents)),
    rateSeconds: number('rate-seconds', args['rate-seconds']),
    rateBatch: Math.max(1, Math.floor(number('rate-batch', args['rate-batch']))),
    maxSeconds: number('max-seconds', args['max-seconds']),
    seed: Math.floor(number('seed', args.seed)),
  };
}

function modes(): Mode[] {
  const requested = args.mode ?? 'default';
  if (requested === 'all') return ['embedded', 'postgres', 'kafka'];
  if (requested === 'embedded' || requested === 'postgres' || requested === 'kafka') return [requested];
  if (requested !== 'default') throw new Error('--mode must be embedded, postgres, kafka or all');
  const services = process.env.DATABASE_URL && process.env.KAFKA_BROKERS && process.env.REDIS_URL;
  return services ? ['embedded', 'kafka'] : ['embedded'];
}

// ---------------------------------------------------------------------------------------------------
// `--trace-sql`: where the database time goes (statement text → count, total ms), printed per phase.

const sqlTimes = new Map<string, { count: number; ms: number; maxMs: number }>();

function traceSql(): void {
  for (const adapter of [PgPoolDatabase, PgliteDatabase]) {
    const prototype = adapter.prototype as unknown as {
      runTransaction(work: (tx: Tx) => Promise<unknown>, afterCommit: unknown): Promise<unknown>;
    };
    const original = prototype.runTransaction;
    prototype.runTransaction = function (work, afterCommit) {
      return original.call(
        this,
        (tx: Tx) =>
          work({
            ...tx,
            async query(sql, params) {
              const started = now();
              try {
                return await tx.query(sql, params);
              } finally {
                const key = sql.replace(/\s+/g, ' ').slice(0, 100);
                const entry = sqlTimes.get(key) ?? { count: 0, ms: 0, maxMs: 0 };
                const ms = now() - started;
                entry.count++;
                entry.ms += ms;
                entry.maxMs = Math.max(entry.maxMs, ms);
                sqlTimes.set(key, entry);
              }
            },
          } as Tx),
        afterCommit,
      );
    };
  }
}

function printSqlTimes(): void {
  if (!args['trace-sql']) return;
  for (const [sql, { count, ms, maxMs }] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
    console.log(
      `    ${ms.toFixed(0).padStart(8)} ms ${String(count).padStart(7)}× (slowest ${maxMs.toFixed(0).padStart(5)} ms) ${sql}`,
    );
  }
  sqlTimes.clear();
}

// ---------------------------------------------------------------------------------------------------
// Environments

interface Environment {
  env: Record<string, string>;
  kafka?: KafkaHousekeeping;
  dispose(): Promise<void>;
}

const BASE_ENV = { PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };

async function environment(mode: Mode): Promise<Environment> {
  if (mode === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'cdp-bench-'));
    return {
      env: { ...BASE_ENV, DATA_DIR: dataDir },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error(`--mode ${mode} needs DATABASE_URL`);
  const database = await createDatabase(serverUrl);
  const disposals: Array<() => Promise<void>> = [
    async () => {
      if (args['keep-database']) console.log(`  kept the database ${database.url}`);
      else await database.drop();
    },
  ];
  const dispose = async () => {
    for (const step of disposals.reverse()) await step().catch((error) => console.error(error));
  };
  if (mode === 'postgres') {
    return { env: { ...BASE_ENV, DATA_DIR: 'memory', DATABASE_URL: database.url }, dispose };
  }
  const brokers = process.env.KAFKA_BROKERS;
  const redisUrl = process.env.REDIS_URL;
  if (!brokers || !redisUrl) throw new Error('--mode kafka needs KAFKA_BROKERS and REDIS_URL too');
  const mocks = await startMockHttpServer();
  disposals.push(() => mocks.close());
  const kafka = new KafkaHousekeeping(brokers.split(','));
  disposals.push(() => kafka.close());
  return {
    env: {
      ...BASE_ENV,
      APP_MODE: 'staging',
      PUBLIC_URL: 'http://localhost:3000',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers,
      REDIS_URL: redisUrl,
      ...mocks.env,
      SUPABASE_ANON_KEY: 'anon-key',
      SUPABASE_JWT_SECRET: SUPABASE_MOCK_DEFAULT_JWT_SECRET,
      OPENAI_API_KEY: 'sk-test',
      EMAIL_API_KEY: 're_test',
    },
    kafka,
    dispose,
  };
}

async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cdp_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * The broker is shared with test runs, and the suite's topic and group names are fixed. So: refuse to
 * run while another process consumes as `cdp-profiles` (it would take partitions and fail on this run's
 * tenants), skip what earlier runs left in `cdp.events`, start the observer at the end of
 * `cdp.profile-events`, and afterwards delete the records this run produced (so test recorders that
 * read the topics from the beginning do not have to wade through them).
 */
class KafkaHousekeeping {
  private readonly kafka: Kafka;
  private readonly admin;
  private connected: Promise<void> | undefined;

  constructor(brokers: string[]) {
    this.kafka = new Kafka({ clientId: 'cdp-bench', brokers, logLevel: logLevel.NOTHING });
    this.admin = this.kafka.admin();
  }

  private async ready() {
    this.connected ??= this.admin.connect();
    await this.connected;
    return this.admin;
  }

  private async topicExists(topic: string): Promise<boolean> {
    return (await (await this.ready()).listTopics()).includes(topic);
  }

  /** Fails when the profile builder's group has live members elsewhere; moves it to the end of the topic. */
  async prepareProfilesGroup(): Promise<void> {
    const admin = await this.ready();
    const groupId = `${PROFILES_GROUP}.${CDP_EVENTS_TOPIC}`;
    const { groups } = await admin.describeGroups([groupId]);
    const members = groups[0]?.members.length ?? 0;
    if (members > 0) {
      throw new Error(
        `Kafka group ${groupId} has ${members} active member(s) (a test run?); they would take this run's partitions. Try again when it is idle.`,
      );
    }
    await this.startAtEnd(PROFILES_GROUP, CDP_EVENTS_TOPIC);
  }

  /** Commits the current end of `topic` as where the group goes on (kafkajs' resetOffsets commits -1). */
  async startAtEnd(group: string, topic: string): Promise<void> {
    const admin = await this.ready();
    if (!(await this.topicExists(topic))) return;
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId: `${group}.${topic}`,
      topic,
      partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
    });
  }

  /**
   * Watches the profile builder's group while the run lasts: more members than this process runs means
   * another process (a test run) joined and took partitions — its figures would be wrong.
   */
  watchGroup(expectedMembers: number): { stop(): void; foreignMembers(): number } {
    let most = 0;
    let stopped = false;
    const groupId = `${PROFILES_GROUP}.${CDP_EVENTS_TOPIC}`;
    void (async () => {
      while (!stopped) {
        const admin = await this.ready();
        const { groups } = await admin.describeGroups([groupId]).catch(() => ({ groups: [] }));
        most = Math.max(most, (groups[0]?.members.length ?? 0) - expectedMembers);
        await new Promise((resolvePromise) => setTimeout(resolvePromise, 2000));
      }
    })();
    return { stop: () => void (stopped = true), foreignMembers: () => Math.max(0, most) };
  }

  async deleteGroup(group: string, topic: string): Promise<void> {
    await (await this.ready()).deleteGroups([`${group}.${topic}`]).catch(() => undefined);
  }

  /** Deletes every record up to the current end of the topics. */
  async truncate(topics: string[]): Promise<void> {
    const admin = await this.ready();
    for (const topic of topics) {
      if (!(await this.topicExists(topic))) continue;
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.deleteTopicRecords({
        topic,
        partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------------
// The workspace

interface Workspace {
  tenantId: string;
  sourceId: string;
  writeKey: string;
}

async function post(suite: RunningSuite, path: string, body: unknown, token?: string) {
  const response = await fetch(suite.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function newWorkspace(suite: RunningSuite): Promise<Workspace> {
  const signup = await post(suite, '/api/v1/auth/signup', {
    email: `bench-${randomBytes(4).toString('hex')}@example.com`,
    password: 'benchmark password 1',
    name: 'Bench',
    workspace: 'Bench Co',
  });
  const token = signup.token as string;
  const source = await post(suite, '/api/v1/cdp/sources', { name: 'Web' }, token);
  return {
    tenantId: (signup.tenant as { id: string }).id,
    sourceId: source.id as string,
    writeKey: source.writeKey as string,
  };
}

// ---------------------------------------------------------------------------------------------------
// The ceiling: plain batched INSERTs of the same event rows

interface CeilingResult {
  rows: number;
  batchRows: number;
  oneWriter: { seconds: number; eventsPerSecond: number };
  twoWriters: { seconds: number; eventsPerSecond: number };
  eventsPerSecond: number;
}

async function measureCeiling(
  database: Database,
  workspace: Workspace,
  options: WorkloadOptions,
): Promise<CeilingResult> {
  const receivedAt = new Date().toISOString();
  const rows = [...workload(options)].map((message) => {
    const columns = toStoredColumns(message as unknown as NormalizedMessage);
    return {
      tenant_id: workspace.tenantId,
      source_id: workspace.sourceId,
      ...columns,
      timestamp: message.timestamp,
      received_at: receivedAt,
    };
  });
  const batches: (typeof rows)[] = [];
  for (let start = 0; start < rows.length; start += CEILING_BATCH) {
    batches.push(rows.slice(start, start + CEILING_BATCH));
  }
  const insert = (batch: typeof rows) =>
    database.systemTx((tx) =>
      tx.query(
        `INSERT INTO bench_ceiling_events (tenant_id, source_id, message_id, type, event, user_id, anonymous_id,
                                           properties, traits, context, extra, "timestamp", received_at)
         SELECT tenant_id, source_id, message_id, type, event, user_id, anonymous_id,
                properties, traits, context, extra, "timestamp", received_at
         FROM jsonb_to_recordset($1::jsonb) AS r(tenant_id uuid, source_id text, message_id text, type text,
           event text, user_id text, anonymous_id text, properties jsonb, traits jsonb, context jsonb,
           extra jsonb, "timestamp" timestamptz, received_at timestamptz)`,
        [JSON.stringify(batch)],
      ),
    );
  const run = async (writers: number) => {
    await database.systemTx((tx) =>
      tx.exec(`DROP TABLE IF EXISTS bench_ceiling_events;
        CREATE TABLE bench_ceiling_events (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          tenant_id uuid NOT NULL, source_id text NOT NULL, message_id text NOT NULL, type text NOT NULL,
          event text, user_id text, anonymous_id text, properties jsonb, traits jsonb, context jsonb,
          extra jsonb NOT NULL DEFAULT '{}', "timestamp" timestamptz NOT NULL, received_at timestamptz NOT NULL)`),
    );
    const queue = batches.values();
    const started = now();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let next = queue.next(); !next.done; next = queue.next()) await insert(next.value);
      }),
    );
    const seconds = (now() - started) / 1000;
    return { seconds: round(seconds, 3), eventsPerSecond: Math.round(rows.length / seconds) };
  };
  const oneWriter = await run(1);
  const twoWriters = await run(2);
  await database.systemTx((tx) => tx.exec('DROP TABLE IF EXISTS bench_ceiling_events'));
  return {
    rows: rows.length,
    batchRows: CEILING_BATCH,
    oneWriter,
    twoWriters,
    eventsPerSecond: Math.max(oneWriter.eventsPerSecond, twoWriters.eventsPerSecond),
  };
}

// ---------------------------------------------------------------------------------------------------
// Observing when messages become visible and are announced

/** When each message of one load phase was acknowledged, became visible, and was announced. */
class Phase {
  readonly ackAt: Float64Array;
  readonly sentAt: Float64Array;
  readonly visibleAt: Float64Array;
  readonly announcedAt: Float64Array;
  visible = 0;
  announced = 0;
  acked = 0;
  lastVisibleAt = 0;
  lastAnnouncedAt = 0;
  /** The profile builder's transactions: [messages, milliseconds]. */
  readonly chunks: Array<[number, number]> = [];
  private waiting: (() => void) | undefined;

  constructor(
    readonly prefix: string,
    readonly events: number,
  ) {
    this.ackAt = new Float64Array(events);
    this.sentAt = new Float64Array(events);
    this.visibleAt = new Float64Array(events);
    this.announcedAt = new Float64Array(events);
  }

  /** The profile transaction that processed the message committed. */
  committed(index: number, at: number): void {
    if (index >= this.events || this.visibleAt[index] !== 0) return;
    this.visibleAt[index] = at;
    this.visible++;
    this.lastVisibleAt = at;
    this.check();
  }

  /** Its `Message Processed` event arrived on `cdp.profile-events` (redeliveries are ignored). */
  seen(index: number, at: number): void {
    if (index >= this.events || this.announcedAt[index] !== 0) return;
    this.announcedAt[index] = at;
    this.announced++;
    this.lastAnnouncedAt = at;
    this.check();
  }

  acknowledged(report: Extract<LoadClientReport, { kind: 'acks' }>): void {
    for (let i = 0; i < report.first.length; i++) {
      const first = report.first[i]!;
      for (let index = first; index < first + report.count[i]!; index++) {
        this.ackAt[index] = report.ackAt[i]!;
        this.sentAt[index] = report.sentAt[i]!;
      }
      this.acked += report.count[i]!;
    }
  }

  get done(): boolean {
    return this.visible === this.events && this.announced === this.events;
  }

  /**
   * Waits until every event is visible and announced; gives up (false) once nothing moved for
   * `stallMs`, or after `limitMs` in all — a backlog still draining is waited for, a stuck one is not.
   */
  async complete(stallMs: number, limitMs: number): Promise<boolean> {
    if (this.done) return true;
    return new Promise((resolve) => {
      const deadline = now() + limitMs;
      let progress = this.visible + this.announced;
      let movedAt = now();
      const timer = setInterval(() => {
        const current = this.visible + this.announced;
        if (current !== progress) [progress, movedAt] = [current, now()];
        if (now() - movedAt > stallMs || now() > deadline) {
          clearInterval(timer);
          resolve(false);
        }
      }, 500);
      this.waiting = () => {
        clearInterval(timer);
        resolve(true);
      };
    });
  }

  private check(): void {
    if (this.done) this.waiting?.();
  }
}

/**
 * Watches the messages of the tracked phases in two places: the commit of the profile builder's
 * transaction (ProfileProcessor.processBatch returning — the profile is visible from then on), and
 * their `Message Processed` events on `cdp.profile-events` (relayed through the outbox).
 */
class Observer {
  private readonly phases = new Map<string, Phase>();
  private subscription: Subscription | undefined;
  private restore: (() => void) | undefined;

  async start(bus: EventBus, group: string): Promise<void> {
    const locate = (messageId: string) => {
      const prefix = messageId.slice(0, messageId.lastIndexOf('-'));
      const phase = this.phases.get(prefix);
      const index = phase && messageIndex(messageId, prefix);
      return phase && index !== undefined ? { phase, index } : undefined;
    };
    const prototype = ProfileProcessor.prototype;
    const processBatch = prototype.processBatch;
    prototype.processBatch = async function (tenantId, envelopes) {
      const started = now();
      const outcomes = await processBatch.call(this, tenantId, envelopes);
      const at = now();
      let phase: Phase | undefined;
      envelopes.forEach((envelope, position) => {
        if (outcomes[position]?.kind === 'duplicate') return;
        const found = locate(envelope.message.messageId);
        found?.phase.committed(found.index, at);
        phase ??= found?.phase;
      });
      phase?.chunks.push([envelopes.length, at - started]);
      return outcomes;
    };
    this.restore = () => void (prototype.processBatch = processBatch);
    this.subscription = await bus.subscribe({
      topic: CDP_PROFILE_EVENTS_TOPIC,
      group,
      handler: async (batch) => {
        const at = now();
        for (const delivered of batch) {
          const event = delivered.value as { type?: string; message?: { messageId?: string } } | null;
          if (event?.type !== 'Message Processed') continue;
          const found = locate(event.message?.messageId ?? '');
          found?.phase.seen(found.index, at);
        }
      },
    });
  }

  track(phase: Phase): void {
    this.phases.set(phase.prefix, phase);
  }

  async stop(): Promise<void> {
    this.restore?.();
    await this.subscription?.stop();
  }
}

// ---------------------------------------------------------------------------------------------------
// Load phases

interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

interface PhaseResult {
  events: number;
  requests: number;
  batchSize: number;
  clients: number;
  /** Every event visible and announced before the timeout. */
  complete: boolean;
  visible: number;
  announced: number;
  /** First request sent → last event visible in profiles. */
  seconds: number;
  /** Events / (first request sent → last event visible in profiles). */
  endToEndEventsPerSecond: number;
  /** Events / (first request sent → last `Message Processed` received). */
  announcedEventsPerSecond: number;
  /** Events / (first request sent → last 200 received). */
  ingestEventsPerSecond: number;
  targetEventsPerSecond?: number;
  /** From the 200 of its request to the commit of the transaction that put the event in a profile. */
  latencyMs: Latency;
  /** From the 200 to its `Message Processed` arriving through the outbox relay and the bus. */
  announcedLatencyMs: Latency;
  /** Request round trips (send → 200). */
  requestMs: { p50: number; p99: number };
  /** The profile builder's transactions for this phase: how many, their size, their duration. */
  chunks: { count: number; meanMessages: number; ms: Latency };
  retries: number;
  lateSends?: number;
  /** CPU time of this process (server, consumers, relay, observer, and the client thread). */
  processCpuSeconds: number;
  /** CPU seconds of the phase: this process (suite and load client), the database's backends, the broker. */
  cpuSeconds: CpuSeconds;
  /** The same per event, in milliseconds: what the design costs, whatever else the machine runs. */
  cpuMsPerEvent: ReturnType<typeof cpuPerEvent>;
  /** How late timers ran on the server's event loop (how busy it was). */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

async function runPhase(
  suite: RunningSuite,
  observer: Observer,
  workspace: Workspace,
  options: {
    workload: WorkloadOptions;
    mode: 'max' | 'rate';
    batchSize: number;
    clients: number;
    rate?: number;
    maxSeconds: number;
    cpuSources: CpuSources;
  },
): Promise<PhaseResult> {
  const phase = new Phase(options.workload.prefix, options.workload.events);
  observer.track(phase);
  const clientOptions: LoadClientOptions = {
    url: suite.url,
    writeKey: workspace.writeKey,
    workload: options.workload,
    batchSize: options.batchSize,
    clients: options.clients,
    mode: options.mode,
    rate: options.rate,
    maxSeconds: options.maxSeconds,
  };
  const accounting = await startCpuAccounting(options.cpuSources);
  const worker = new Worker(new URL('./cdp-load-client.ts', import.meta.url), { workerData: clientOptions });
  let started = 0;
  let cpuAtStart = process.cpuUsage();
  const finished = new Promise<Extract<LoadClientReport, { kind: 'done' }>>((resolvePromise, reject) => {
    worker.on('error', reject);
    worker.on('message', (report: LoadClientReport) => {
      if (report.kind === 'started') {
        started = report.at;
        cpuAtStart = process.cpuUsage();
      } else if (report.kind === 'acks') phase.acknowledged(report);
      else if (report.kind === 'done') resolvePromise(report);
    });
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const progress = args.progress ? watchProgress(suite, phase) : undefined;
  const profiler = args['cpu-profile'] ? await startProfiler() : undefined;
  const done = await finished;
  await worker.terminate();
  if (done.error) console.error(`  client error: ${done.error}`);
  const drained = await phase.complete(done.error ? 5_000 : 30_000, Math.max(60, options.maxSeconds) * 1000);
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = await accounting.stop();
  loopDelay.disable();
  await profiler?.stop(`${args['cpu-profile']}-${options.mode}.cpuprofile`);
  progress?.stop();
  printSqlTimes();

  const visibleLatencies: number[] = [];
  const announcedLatencies: number[] = [];
  const requestTimes: number[] = [];
  let lastAck = 0;
  for (let index = 0; index < phase.events; index++) {
    const ack = phase.ackAt[index]!;
    if (ack === 0) continue;
    lastAck = Math.max(lastAck, ack);
    requestTimes.push(ack - phase.sentAt[index]!);
    // The 200 and the commit race (the profile can be built before the answer is read): 0 then.
    if (phase.visibleAt[index] !== 0) visibleLatencies.push(Math.max(0, phase.visibleAt[index]! - ack));
    if (phase.announcedAt[index] !== 0) announcedLatencies.push(Math.max(0, phase.announcedAt[index]! - ack));
  }
  requestTimes.sort((a, b) => a - b);
  const seconds = ((phase.lastVisibleAt || now()) - started) / 1000;
  const announcedSeconds = ((phase.lastAnnouncedAt || now()) - started) / 1000;
  return {
    events: phase.events,
    requests: Math.ceil(phase.events / options.batchSize),
    batchSize: options.batchSize,
    clients: options.clients,
    complete: drained && phase.done,
    visible: phase.visible,
    announced: phase.announced,
    seconds: round(seconds, 3),
    endToEndEventsPerSecond: Math.round(phase.visible / seconds),
    announcedEventsPerSecond: Math.round(phase.announced / announcedSeconds),
    ingestEventsPerSecond: Math.round(phase.acked / ((lastAck - started) / 1000)),
    ...(options.rate !== undefined && { targetEventsPerSecond: options.rate }),
    latencyMs: latencyOf(visibleLatencies),
    announcedLatencyMs: latencyOf(announcedLatencies),
    requestMs: { p50: round(quantile(requestTimes, 0.5), 1), p99: round(quantile(requestTimes, 0.99), 1) },
    chunks: {
      count: phase.chunks.length,
      meanMessages: round(phase.chunks.reduce((sum, [size]) => sum + size, 0) / phase.chunks.length, 1),
      ms: latencyOf(phase.chunks.map(([, ms]) => ms)),
    },
    retries: done.retries,
    ...(options.mode === 'rate' && { lateSends: done.lateSends }),
    processCpuSeconds: round((cpu.user + cpu.system) / 1e6, 2),
    cpuSeconds,
    cpuMsPerEvent: cpuPerEvent(cpuSeconds, Math.max(1, phase.visible)),
    eventLoopDelayMs: {
      p50: round(loopDelay.percentile(50) / 1e6, 1),
      p99: round(loopDelay.percentile(99) / 1e6, 1),
      max: round(loopDelay.max / 1e6, 1),
    },
  };
}

function latencyOf(values: number[]): Latency {
  values.sort((a, b) => a - b);
  return {
    p50: round(quantile(values, 0.5), 1),
    p90: round(quantile(values, 0.9), 1),
    p99: round(quantile(values, 0.99), 1),
    max: round(values.at(-1) ?? NaN, 1),
    mean: round(values.reduce((sum, value) => sum + value, 0) / values.length, 1),
  };
}

/** `--cpu-profile <path>`: a CPU profile of this thread (the server) for the duration of each phase. */
async function startProfiler() {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolvePromise, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolvePromise(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      console.log(`  CPU profile written to ${file}`);
    },
  };
}

/** `--progress`: once a second, how far each stage is (acked → visible → relayed → announced). */
function watchProgress(suite: RunningSuite, phase: Phase) {
  let stopped = false;
  const started = now();
  void (async () => {
    const database = await resolve(suite.container, TOKENS.Database);
    while (!stopped) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 1000));
      const { rows } = await database.systemTx((tx) =>
        tx.query<{ processed: number; outbox: number }>(
          `SELECT (SELECT count(*) FROM cdp_events WHERE processed_seq IS NOT NULL AND message_id LIKE $1) AS processed,
                  (SELECT count(*) FROM outbox) AS outbox`,
          [`${phase.prefix}-%`],
        ),
      );
      const elapsed = ((now() - started) / 1000).toFixed(0);
      console.log(
        `    ${elapsed}s acked ${phase.acked} visible ${phase.visible} (database: ${rows[0]!.processed}) outbox ${rows[0]!.outbox} announced ${phase.announced}`,
      );
    }
  })();
  return { stop: () => void (stopped = true) };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

// ---------------------------------------------------------------------------------------------------
// The profile builder alone: no HTTP, no bus — what one consumer's transactions can do

interface BuilderResult {
  events: number;
  chunkSize: number;
  seconds: number;
  eventsPerSecond: number;
}

async function measureBuilder(
  suite: RunningSuite,
  workspace: Workspace,
  options: WorkloadOptions,
): Promise<BuilderResult> {
  const database = await resolve(suite.container, TOKENS.Database);
  const outbox = await resolve(suite.container, TOKENS.Outbox);
  const processor = new ProfileProcessor(database, outbox);
  const receivedAt = new Date().toISOString();
  const envelopes: CdpEnvelope[] = [...workload(options)].map((message) => ({
    sourceId: workspace.sourceId,
    receivedAt,
    message: message as unknown as NormalizedMessage,
  }));
  const started = now();
  for (let start = 0; start < envelopes.length; start += BUILDER_CHUNK) {
    await processor.processBatch(workspace.tenantId, envelopes.slice(start, start + BUILDER_CHUNK));
  }
  const seconds = (now() - started) / 1000;
  return {
    events: envelopes.length,
    chunkSize: BUILDER_CHUNK,
    seconds: round(seconds, 3),
    eventsPerSecond: Math.round(envelopes.length / seconds),
  };
}

/** Waits (at most `timeoutMs`) until the relay has moved every outbox row to the bus. */
async function outboxDrained(database: Database, timeoutMs: number): Promise<void> {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    const { rows } = await database.systemTx((tx) =>
      tx.query<{ n: number }>('SELECT count(*) AS n FROM outbox'),
    );
    if (Number(rows[0]!.n) === 0) return;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
  }
}

// ---------------------------------------------------------------------------------------------------
// What the run left in the database

async function databaseFacts(database: Database, tenantId: string) {
  return database.systemTx(async (tx) => {
    const one = async (sql: string) => Number((await tx.query<{ n: number }>(sql, [tenantId])).rows[0]!.n);
    return {
      events: await one('SELECT count(*) AS n FROM cdp_events WHERE tenant_id = $1'),
      unprocessedEvents: await one(
        'SELECT count(*) AS n FROM cdp_events WHERE tenant_id = $1 AND processed_seq IS NULL',
      ),
      liveProfiles: await one(
        'SELECT count(*) AS n FROM cdp_profiles WHERE tenant_id = $1 AND merged_into IS NULL',
      ),
      mergedProfiles: await one(
        'SELECT count(*) AS n FROM cdp_profiles WHERE tenant_id = $1 AND merged_into IS NOT NULL',
      ),
      merges: await one('SELECT count(*) AS n FROM cdp_merges WHERE tenant_id = $1'),
      identities: await one('SELECT count(*) AS n FROM cdp_identities WHERE tenant_id = $1'),
      countedEvents: await one(
        'SELECT coalesce(sum(event_count), 0) AS n FROM cdp_profiles WHERE tenant_id = $1 AND merged_into IS NULL',
      ),
      rejectedMessages: await one('SELECT count(*) AS n FROM cdp_rejected_messages WHERE tenant_id = $1'),
    };
  });
}

// ---------------------------------------------------------------------------------------------------

async function benchmark(mode: Mode) {
  const settings = settingsFor(mode);
  const run = randomBytes(3).toString('hex');
  console.log(
    `\n== ${mode}: ${settings.events} events over ${settings.anonymous} anonymous ids (run ${run})`,
  );
  const environment_ = await environment(mode);
  let suite: RunningSuite | undefined;
  const observer = new Observer();
  const observerGroup = `cdp-bench-${run}`;
  let groupWatch: { stop(): void; foreignMembers(): number } | undefined;
  try {
    await environment_.kafka?.prepareProfilesGroup();
    await environment_.kafka?.startAtEnd(observerGroup, CDP_PROFILE_EVENTS_TOPIC);
    suite = await startSuite({ env: environment_.env });
    const database = await resolve(suite.container, TOKENS.Database);
    const bus = await resolve(suite.container, TOKENS.EventBus);
    const workspace = await newWorkspace(suite);
    const cpuSources: CpuSources = { databaseUrl: environment_.env.DATABASE_URL, kafka: mode === 'kafka' };
    groupWatch = environment_.kafka?.watchGroup(DEFAULT_PROFILE_CONSUMERS);
    await observer.start(bus, observerGroup);

    const main: WorkloadOptions = {
      events: settings.events,
      anonymous: settings.anonymous,
      mergeShare: settings.mergeShare,
      prefix: `b${run}`,
      seed: settings.seed,
      startTime: Date.now() - 60_000,
    };
    const summary: WorkloadSummary = {
      track: 0,
      page: 0,
      identify: 0,
      identifiedAnonymousIds: 0,
      secondDeviceIdentifies: 0,
    };
    for (const _ of workload(main, summary));

    console.log('  ceiling: plain batched INSERT of the same event rows…');
    const ceiling = await measureCeiling(database, workspace, main);
    console.log(
      `  ceiling: ${ceiling.eventsPerSecond} events/s (1 writer ${ceiling.oneWriter.eventsPerSecond}, 2 writers ${ceiling.twoWriters.eventsPerSecond})`,
    );

    let builderAlone: BuilderResult | undefined;
    if (settings.builderEvents > 0) {
      console.log(
        `  builder alone: ${settings.builderEvents} events straight into ProfileProcessor.processBatch…`,
      );
      builderAlone = await measureBuilder(suite, workspace, {
        events: settings.builderEvents,
        anonymous: Math.max(1, Math.floor(settings.builderEvents / 2)),
        mergeShare: settings.mergeShare,
        prefix: `p${run}`,
        seed: settings.seed + 2,
        startTime: Date.now(),
      });
      console.log(
        `  builder alone: ${builderAlone.eventsPerSecond} events/s in chunks of ${builderAlone.chunkSize} (one at a time)`,
      );
      await outboxDrained(database, 60_000);
    }

    console.log(
      `  throughput: ${settings.events} events, batches of ${settings.batch}, ${settings.clients} clients…`,
    );
    const throughput = await runPhase(suite, observer, workspace, {
      workload: main,
      mode: 'max',
      batchSize: settings.batch,
      clients: settings.clients,
      maxSeconds: settings.maxSeconds,
      cpuSources,
    });
    const cpu = throughput.cpuMsPerEvent;
    console.log(
      `  CPU per event: ${cpu.total} ms (suite and load client ${cpu.node}, PostgreSQL ${cpu.postgres ?? '-'}, ` +
        `Kafka ${cpu.kafka ?? '-'}): at most ~${Math.round((cpus().length * 1000) / cpu.total)} events/s on ` +
        `${cpus().length} dedicated cores`,
    );
    console.log(
      `  chunks: ${throughput.chunks.count} of ${throughput.chunks.meanMessages} messages on average, ` +
        `${throughput.chunks.ms.p50} ms p50, ${throughput.chunks.ms.p99} ms p99; event loop delay ` +
        `p50 ${throughput.eventLoopDelayMs.p50} ms, p99 ${throughput.eventLoopDelayMs.p99} ms`,
    );
    console.log(
      `  throughput: ${throughput.endToEndEventsPerSecond} events/s end to end (ingest ${throughput.ingestEventsPerSecond}/s, ` +
        `announced ${throughput.announcedEventsPerSecond}/s), latency p50 ${throughput.latencyMs.p50} ms, ` +
        `p99 ${throughput.latencyMs.p99} ms${throughput.complete ? '' : ' — INCOMPLETE'}`,
    );

    const rateEvents = Math.round(settings.rate * settings.rateSeconds);
    let fixedRate: PhaseResult | undefined;
    if (rateEvents > 0) {
      console.log(`  fixed rate: ${settings.rate} events/s for ${settings.rateSeconds} s…`);
      fixedRate = await runPhase(suite, observer, workspace, {
        workload: {
          events: rateEvents,
          anonymous: Math.max(1, Math.min(settings.anonymous, Math.floor(rateEvents / 2))),
          mergeShare: settings.mergeShare,
          prefix: `r${run}`,
          seed: settings.seed + 1,
          startTime: Date.now(),
        },
        mode: 'rate',
        rate: settings.rate,
        batchSize: settings.rateBatch,
        clients: 64,
        maxSeconds: settings.rateSeconds + 10,
        cpuSources,
      });
      console.log(
        `  chunks: ${fixedRate.chunks.count} of ${fixedRate.chunks.meanMessages} messages on average, ` +
          `${fixedRate.chunks.ms.p50} ms p50, ${fixedRate.chunks.ms.p99} ms p99; event loop delay ` +
          `p50 ${fixedRate.eventLoopDelayMs.p50} ms, p99 ${fixedRate.eventLoopDelayMs.p99} ms`,
      );
      console.log(
        `  fixed rate: visible p50 ${fixedRate.latencyMs.p50} ms, p99 ${fixedRate.latencyMs.p99} ms; announced p50 ` +
          `${fixedRate.announcedLatencyMs.p50} ms, p99 ${fixedRate.announcedLatencyMs.p99} ms ` +
          `(achieved ${fixedRate.endToEndEventsPerSecond} events/s; requests p50 ${fixedRate.requestMs.p50} ms, ` +
          `p99 ${fixedRate.requestMs.p99} ms)${fixedRate.complete ? '' : ' — INCOMPLETE'}`,
      );
    }

    const facts = await databaseFacts(database, workspace.tenantId);
    const foreignMembers = groupWatch?.foreignMembers() ?? 0;
    if (foreignMembers > 0 || facts.rejectedMessages > 0) {
      console.error(
        `  WARNING: another consumer joined the profile builder's Kafka group (${foreignMembers}) or messages were rejected (${facts.rejectedMessages}); these figures are not valid`,
      );
    }
    const result = {
      mode,
      description: {
        embedded: 'local binding set: PGlite (on disk) + Postgres-log event bus, one process',
        postgres: 'local binding set on the PostgreSQL server + Postgres-log event bus, one process',
        kafka: 'staging binding set: PostgreSQL server + Apache Kafka + Redis, one process (all roles)',
      }[mode],
      at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGb: round(totalmem() / 2 ** 30, 1),
        freeMemoryGb: round(freemem() / 2 ** 30, 1),
        loadAverage: loadavg().map((value) => round(value, 2)),
        node: process.version,
      },
      settings,
      workload: summary,
      ceiling,
      throughput,
      ratioToCeiling: round(throughput.endToEndEventsPerSecond / ceiling.eventsPerSecond, 3),
      fixedRate,
      builderAlone,
      database: facts,
      /** Other processes in the profile builder's Kafka group during the run (a shared broker). */
      foreignGroupMembers: foreignMembers,
      /** Issue 3, item 12 — set for Postgres+Kafka (the kafka mode) on a 2-core machine. */
      goals: {
        appliesTo: 'kafka',
        endToEndEventsPerSecond: { goal: 10_000, met: throughput.endToEndEventsPerSecond >= 10_000 },
        ratioToCeiling: {
          goal: 0.5,
          met: throughput.endToEndEventsPerSecond / ceiling.eventsPerSecond >= 0.5,
        },
        p99AtFixedRateMs: {
          goal: 200,
          atEventsPerSecond: 1_000,
          met:
            fixedRate !== undefined &&
            fixedRate.complete &&
            settings.rate >= 1_000 &&
            fixedRate.latencyMs.p99 < 200,
        },
      },
    };
    console.log(`  ratio to ceiling: ${result.ratioToCeiling}`);
    console.log(`  database: ${JSON.stringify(facts)}`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `cdp-${mode}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`  written to ${file}`);
    return result;
  } finally {
    groupWatch?.stop();
    await observer.stop().catch(() => undefined);
    await suite?.close();
    if (environment_.kafka) {
      await environment_.kafka.deleteGroup(observerGroup, CDP_PROFILE_EVENTS_TOPIC);
      if (!args['keep-kafka-records']) {
        await environment_.kafka
          .truncate([CDP_EVENTS_TOPIC, CDP_PROFILE_EVENTS_TOPIC])
          .catch((error) => console.error('could not delete the run’s Kafka records', error));
      }
    }
    await environment_.dispose();
  }
}

if (args['trace-sql']) traceSql();
const results = [];
for (const mode of modes()) results.push(await benchmark(mode));
console.log('\nsummary');
for (const result of results) {
  console.log(
    `  ${result.mode.padEnd(9)} ${String(result.throughput.endToEndEventsPerSecond).padStart(7)} events/s end to end, ` +
      `ceiling ${result.ceiling.eventsPerSecond}/s, ratio ${result.ratioToCeiling}, ` +
      `p99 at ${result.fixedRate?.targetEventsPerSecond ?? '-'}/s: ${result.fixedRate?.latencyMs.p99 ?? '-'} ms, ` +
      `builder alone ${result.builderAlone?.eventsPerSecond ?? '-'}/s`,
  );
}
process.exit(0);
