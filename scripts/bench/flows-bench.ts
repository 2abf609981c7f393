/**
 * `npm run bench:flows` — how fast CDP events become flow runs (issue 5, item 8).
 *
 *   node --import tsx scripts/bench/flows-bench.ts [--mode embedded|postgres|kafka|all]
 *        [--events N] [--rate 200] [--rate-seconds 15] [--e2e-rate N] [--e2e-warmup-seconds 2]
 *        [--e2e-seconds 10] [--split-roles [--worker-roles cdp-worker,relay,flows-worker]]
 *
 * The flow: trigger.event("Bench Event") → logic.condition(plan = pro) → action.webhook (POST to a
 * receiver on 127.0.0.1 in a worker thread). "First action executed" is the webhook request arriving.
 * Each mode starts the whole suite in this process on a database of its own (dropped after):
 * - embedded: local bindings — PGlite on disk in a temporary folder, the Postgres-log bus;
 * - postgres: local bindings on the PostgreSQL server (DATABASE_URL), the Postgres-log bus;
 * - kafka:    staging bindings — PostgreSQL, Kafka (KAFKA_BROKERS), Redis (REDIS_URL), mocks over HTTP.
 * Default: embedded, plus postgres and kafka when their variables are set. `--split-roles` (postgres,
 * kafka): the suite as two processes — the workers in a child (worker-process.ts), by default
 * `cdp-worker,relay,flows-worker` (`--worker-roles` picks others), every other role here.
 *
 * Phases, per mode:
 * 1. engine throughput — `--events` `Message Processed` events published on `cdp.profile-events` (what
 *    the CDP emits once it accepted an event) as fast as the bus takes them: runs/s = events / (first
 *    publish → last webhook received), every run checked completed;
 * 2. engine latency — once every consumer caught up with phase 1 (quiesce.ts), new events at
 *    `--rate`/s for `--rate-seconds` (`--rate 0` skips it): p50/p99 from the publish
 *    resolving to the webhook arriving;
 * 3. end to end — Segment `track` calls to `/v1/batch` at `--e2e-rate`/s (10 a request; 0 skips it), first for
 *    `--e2e-warmup-seconds` (reported apart: the phases before never ran the ingest and the profile
 *    builder in this process, and their first second is JIT compilation and pools' new connections,
 *    not the steady state), then for `--e2e-seconds`: p50/p99 from
 *    the 200 (event accepted) to the webhook, through the CDP's profile builder.
 *    The end to end is also split into its stages (e2e-stages.ts): accepted → visible in the profile →
 *    at the flow triggers → run started → webhook.
 * Figures are printed and written to scripts/bench/results/flows-<mode>.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { Kafka, logLevel } from 'kafkajs';
import { SUPABASE_MOCK_DEFAULT_JWT_SECRET } from '@orchestrator/mocks';
import { CDP_EVENTS_TOPIC } from '@orchestrator/cdp/client';
import { CDP_PROFILE_EVENTS_TOPIC, type ProfileBusEvent } from '@orchestrator/cdp/contracts';
import { TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import { ALL_ROLES, parseRoles, startSuite, type RunningSuite } from '@orchestrator/server';
import { createBenchDatabase } from './bench-database.ts';
import { startMockHttpServer } from './mock-http-server.ts';
import { cpuPerEvent, startCpuAccounting, type CpuSources } from './cpu-accounting.ts';
import { EndToEndStages } from './e2e-stages.ts';
import { summarizeLatencies } from './latency-summary.ts';
import { waitUntilQuiet } from './quiesce.ts';
import { startWorkerProcess, WORKER_ROLES, type WorkerProcess } from './worker-process.ts';

type Mode = 'embedded' | 'postgres' | 'kafka';
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const TRIGGERS_GROUP = 'flows-triggers';
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string' },
    events: { type: 'string' },
    rate: { type: 'string', default: '200' },
    'rate-seconds': { type: 'string', default: '15' },
    'e2e-rate': { type: 'string' },
    'e2e-warmup-seconds': { type: 'string', default: '2' },
    'e2e-seconds': { type: 'string', default: '10' },
    'split-roles': { type: 'boolean', default: false },
    'worker-roles': { type: 'string', default: WORKER_ROLES.join(',') },
  },
});
const DEFAULT_EVENTS: Record<Mode, number> = { embedded: 3_000, postgres: 10_000, kafka: 10_000 };
const DEFAULT_E2E_RATE: Record<Mode, number> = { embedded: 50, postgres: 200, kafka: 200 };

// ---------------------------------------------------------------------------------------------------
// The webhook receiver

class Receiver {
  readonly arrivals = new Map<string, number>();
  readonly accepted = new Map<string, number>();
  private constructor(
    private readonly worker: Worker,
    readonly url: string,
  ) {}

  static async start(): Promise<Receiver> {
    const worker = new Worker(new URL('./flows-bench-receiver.ts', import.meta.url));
    const port = await new Promise<number>((done, fail) => {
      worker.once('message', (message: { port: number }) => done(message.port));
      worker.once('error', fail);
    });
    const receiver = new Receiver(worker, `http://127.0.0.1:${port}/hook`);
    worker.on(
      'message',
      (message: { arrivals?: Array<[string, number]>; accepted?: Array<[string, number]> }) => {
        for (const [id, at] of message.arrivals ?? [])
          if (!receiver.arrivals.has(id)) receiver.arrivals.set(id, at);
        for (const [id, at] of message.accepted ?? []) receiver.accepted.set(id, at);
      },
    );
    return receiver;
  }

  /** Resolves once every id arrived (or the time is up); returns the ones that did. */
  async waitFor(ids: readonly string[], timeoutMs: number): Promise<number> {
    const deadline = now() + timeoutMs;
    while (now() < deadline) {
      if (ids.every((id) => this.arrivals.has(id))) break;
      await sleep(20);
    }
    return ids.filter((id) => this.arrivals.has(id)).length;
  }

  /** Sends Segment tracks from the worker thread at `rate`/s; resolves when all were answered. */
  sendTracks(load: { url: string; writeKey: string; rate: number; seconds: number }): Promise<void> {
    return new Promise((done, fail) => {
      const onMessage = (message: { segmentDone?: boolean; error?: string }) => {
        if (!message.segmentDone) return;
        this.worker.off('message', onMessage);
        if (message.error) fail(new Error(message.error));
        else done();
      };
      this.worker.on('message', onMessage);
      this.worker.postMessage({ segment: load });
    });
  }

  stop = () => this.worker.terminate();
}

// ---------------------------------------------------------------------------------------------------
// Environments

const BASE_ENV = { PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };

/** Moves the flow triggers' group to the end of `cdp.profile-events` (a shared broker has old records). */
async function skipOldProfileEvents(brokers: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'flows-bench', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(CDP_PROFILE_EVENTS_TOPIC)) return;
    const offsets = await admin.fetchTopicOffsets(CDP_PROFILE_EVENTS_TOPIC);
    await admin.setOffsets({
      groupId: `${TRIGGERS_GROUP}.${CDP_PROFILE_EVENTS_TOPIC}`,
      topic: CDP_PROFILE_EVENTS_TOPIC,
      partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
    });
  } finally {
    await admin.disconnect();
  }
}

async function environment(mode: Mode): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  if (mode === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'flows-bench-'));
    return {
      env: { ...BASE_ENV, DATA_DIR: dataDir },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error(`--mode ${mode} needs DATABASE_URL`);
  const database = await createBenchDatabase(serverUrl, 'flows_bench');
  if (mode === 'postgres') {
    return { env: { ...BASE_ENV, DATA_DIR: 'memory', DATABASE_URL: database.url }, dispose: database.drop };
  }
  const brokers = process.env.KAFKA_BROKERS;
  const redisUrl = process.env.REDIS_URL;
  if (!brokers || !redisUrl) throw new Error('--mode kafka needs KAFKA_BROKERS and REDIS_URL too');
  await skipOldProfileEvents(brokers.split(','));
  const mocks = await startMockHttpServer();
  return {
    env: {
      ...BASE_ENV,
      APP_MODE: 'staging',
      PUBLIC_URL: 'http://localhost:3000',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers,
      REDIS_URL: redisUrl,
      WEBHOOKS_ALLOW_PRIVATE_NETWORKS: '1',
      ...mocks.env,
      SUPABASE_ANON_KEY: 'anon-key',
      SUPABASE_JWT_SECRET: SUPABASE_MOCK_DEFAULT_JWT_SECRET,
      OPENAI_API_KEY: 'sk-test',
      EMAIL_API_KEY: 're_test',
    },
    dispose: async () => {
      await mocks.close();
      await database.drop();
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The workspace and its flow

async function api<T>(
  suite: RunningSuite,
  method: string,
  path: string,
  body: unknown,
  auth: string,
): Promise<T> {
  const response = await fetch(suite.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<T>;
}

async function prepareWorkspace(suite: RunningSuite, receiverUrl: string) {
  const signup = await fetch(`${suite.url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${randomUUID().slice(0, 8)}@example.com`,
      password: 'correct horse battery',
      name: 'Bench',
      workspace: 'Bench',
    }),
  }).then((response) => response.json() as Promise<{ token: string; tenant: { id: string } }>);
  const bearer = `Bearer ${signup.token}`;
  const source = await api<{ writeKey: string }>(
    suite,
    'POST',
    '/api/v1/cdp/sources',
    { name: 'Bench' },
    bearer,
  );
  const node = (id: string, type: string, config: Record<string, unknown>, x: number) => ({
    id,
    type,
    position: { x, y: 0 },
    data: { config },
  });
  const graph = {
    nodes: [
      node('trigger', 'trigger.event', { event: 'Bench Event' }, 0),
      node(
        'pro',
        'logic.condition',
        {
          condition: {
            match: 'all',
            rules: [{ path: 'event.properties.plan', operator: 'equals', value: 'pro' }],
          },
        },
        300,
      ),
      node(
        'hook',
        'action.webhook',
        {
          url: receiverUrl,
          allowPrivateNetworks: true,
          body: '{"id": "{{event.properties.benchId}}"}',
        },
        600,
      ),
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'pro', targetHandle: 'in' },
      { id: 'e2', source: 'pro', sourceHandle: 'true', target: 'hook', targetHandle: 'in' },
    ],
  };
  const flow = await api<{ id: string }>(suite, 'POST', '/api/v1/flows', { name: 'Bench', graph }, bearer);
  await api<unknown>(suite, 'POST', `/api/v1/flows/${flow.id}/publish`, {}, bearer);
  return { tenantId: signup.tenant.id, writeKey: source.writeKey, flowId: flow.id };
}

// ---------------------------------------------------------------------------------------------------
// Phases

function latencies(receiver: Receiver, sentAt: Map<string, number>) {
  return summarizeLatencies(
    [...sentAt].flatMap(([id, at]) => {
      const arrived = receiver.arrivals.get(id);
      return arrived === undefined ? [] : [arrived - at];
    }),
  );
}

function busEvent(tenantId: string, benchId: string) {
  const profileId = randomUUID();
  const messageId = randomUUID();
  const timestamp = new Date().toISOString();
  const value: ProfileBusEvent = {
    type: 'Message Processed',
    profileId,
    sourceId: 'bench',
    receivedAt: timestamp,
    message: {
      type: 'track',
      messageId,
      event: 'Bench Event',
      properties: { plan: 'pro', benchId },
      timestamp,
    } as never,
  };
  return {
    key: `${tenantId}:${profileId}`,
    value,
    headers: { [TENANT_ID_HEADER]: tenantId, 'message-id': `processed:bench:${messageId}` },
  };
}

async function engineThroughput(suite: RunningSuite, receiver: Receiver, tenantId: string, events: number) {
  const bus = await resolve(suite.container, TOKENS.EventBus);
  const ids = Array.from({ length: events }, () => randomUUID());
  const sentAt = new Map<string, number>();
  const started = now();
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    await bus.publish(
      CDP_PROFILE_EVENTS_TOPIC,
      chunk.map((id) => busEvent(tenantId, id)),
    );
    const at = now();
    for (const id of chunk) sentAt.set(id, at);
  }
  const arrived = await receiver.waitFor(ids, 300_000);
  const last = Math.max(...ids.map((id) => receiver.arrivals.get(id) ?? 0));
  const seconds = (last - started) / 1000;
  return {
    events,
    arrived,
    seconds: Math.round(seconds * 100) / 100,
    runsPerSecond: Math.round(arrived / seconds),
    latency: latencies(receiver, sentAt),
  };
}

async function engineLatency(
  suite: RunningSuite,
  receiver: Receiver,
  tenantId: string,
  rate: number,
  seconds: number,
  cpuSources: CpuSources,
) {
  const bus = await resolve(suite.container, TOKENS.EventBus);
  const cpu = await startCpuAccounting(cpuSources);
  const sentAt = new Map<string, number>();
  const tickMs = 50;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const begin = now();
  for (let tick = 0; now() - begin < seconds * 1000; tick += 1) {
    const ids = Array.from({ length: perTick }, () => randomUUID());
    await bus.publish(
      CDP_PROFILE_EVENTS_TOPIC,
      ids.map((id) => busEvent(tenantId, id)),
    );
    const at = now();
    for (const id of ids) sentAt.set(id, at);
    const nextTick = begin + (tick + 1) * tickMs;
    if (nextTick > now()) await sleep(nextTick - now());
  }
  const arrived = await receiver.waitFor([...sentAt.keys()], 120_000);
  const cpuMsPerRun = cpuPerEvent(await cpu.stop(), Math.max(1, arrived));
  return { rate, seconds, events: sentAt.size, arrived, latency: latencies(receiver, sentAt), cpuMsPerRun };
}

async function endToEnd(
  suite: RunningSuite,
  receiver: Receiver,
  writeKey: string,
  rate: number,
  seconds: number,
  stages: EndToEndStages,
  cpuSources: CpuSources,
) {
  const cpu = await startCpuAccounting(cpuSources);
  await receiver.sendTracks({ url: suite.url, writeKey, rate, seconds });
  const sentAt = new Map(receiver.accepted);
  receiver.accepted.clear();
  const arrived = await receiver.waitFor([...sentAt.keys()], 180_000);
  const cpuMsPerRun = cpuPerEvent(await cpu.stop(), Math.max(1, arrived));
  return {
    rate,
    seconds,
    events: sentAt.size,
    arrived,
    latency: latencies(receiver, sentAt),
    cpuMsPerRun,
    stages: stages.breakdown(sentAt, receiver.arrivals).filter((stage) => stage.count > 0),
  };
}

/**
 * CPU per run of a paced phase: it does not queue behind other work on the machine as latency does, so
 * it compares designs across hosts and hours. `node` includes the load client's and the webhook
 * receiver's threads (one process).
 */
function formatCpu(perRun: ReturnType<typeof cpuPerEvent>): string {
  const parts = [`node ${perRun.node}`];
  if (perRun.postgres !== undefined) parts.push(`postgres ${perRun.postgres}`);
  if (perRun.kafka !== undefined) parts.push(`kafka ${perRun.kafka}`);
  return `CPU ${perRun.total} ms a run (${parts.join(', ')})`;
}

// ---------------------------------------------------------------------------------------------------

async function runMode(mode: Mode) {
  const split = args['split-roles'] && mode !== 'embedded';
  const childRoles = split ? parseRoles(args['worker-roles'].split(',')) : [];
  const ownRoles = ALL_ROLES.filter((role) => !childRoles.includes(role));
  console.log(
    `\n== flows bench: ${mode}${split ? ` (two processes: ${ownRoles.join(', ')} / ${childRoles.join(', ')})` : ''}`,
  );
  const receiver = await Receiver.start();
  const environment_ = await environment(mode);
  let suite: RunningSuite | undefined;
  let workers: WorkerProcess | undefined;
  const stages = EndToEndStages.watch();
  try {
    suite = await startSuite({ env: environment_.env, roles: ownRoles });
    if (split) workers = await startWorkerProcess(environment_.env, childRoles);
    const workspace = await prepareWorkspace(suite, receiver.url);
    const cpuSources: CpuSources = {
      databaseUrl: mode === 'embedded' ? undefined : environment_.env.DATABASE_URL,
      kafka: mode === 'kafka',
      processes: workers ? [workers.pid] : [],
    };
    const events = Number(args.events ?? DEFAULT_EVENTS[mode]);
    const throughput = await engineThroughput(suite, receiver, workspace.tenantId, events);
    console.log(
      `  engine throughput: ${throughput.runsPerSecond} runs/s (${throughput.arrived}/${events} in ${throughput.seconds} s)`,
    );
    const quiet = await waitUntilQuiet(
      await resolve(suite.container, TOKENS.Database),
      mode === 'kafka' ? (process.env.KAFKA_BROKERS ?? '').split(',') : undefined,
      [CDP_PROFILE_EVENTS_TOPIC, CDP_EVENTS_TOPIC],
      120_000,
    );
    console.log(
      `  the other consumers caught up in ${quiet.seconds} s${quiet.backlog ? ` — NOT: ${quiet.backlog} left` : ''}`,
    );
    // `--rate 0` (or `--rate-seconds 0`) skips the paced engine phase, `--e2e-rate 0` the end to end.
    const rate = Number(args.rate);
    const rateSeconds = Number(args['rate-seconds']);
    const latency =
      rate > 0 && rateSeconds > 0
        ? await engineLatency(suite, receiver, workspace.tenantId, rate, rateSeconds, cpuSources)
        : undefined;
    if (latency) {
      console.log(
        `  engine at ${latency.rate}/s: p50 ${latency.latency.p50Ms} ms, p99 ${latency.latency.p99Ms} ms (${latency.arrived}/${latency.events}); ${formatCpu(latency.cpuMsPerRun)}`,
      );
    }
    const e2eRate = Number(args['e2e-rate'] ?? DEFAULT_E2E_RATE[mode]);
    const e2eSeconds = Number(args['e2e-seconds']);
    const warmupSeconds = Number(args['e2e-warmup-seconds']);
    const runEndToEnd = e2eRate > 0 && e2eSeconds > 0;
    const warmup =
      runEndToEnd && warmupSeconds > 0
        ? await endToEnd(suite, receiver, workspace.writeKey, e2eRate, warmupSeconds, stages, cpuSources)
        : undefined;
    if (warmup) {
      console.log(
        `  end to end, warm-up (${warmupSeconds} s, the CDP path's first traffic): p50 ${warmup.latency.p50Ms} ms, p99 ${warmup.latency.p99Ms} ms (${warmup.arrived}/${warmup.events})`,
      );
    }
    const e2e = runEndToEnd
      ? await endToEnd(suite, receiver, workspace.writeKey, e2eRate, e2eSeconds, stages, cpuSources)
      : undefined;
    if (e2e) {
      console.log(
        `  end to end at ${e2e.rate}/s: p50 ${e2e.latency.p50Ms} ms, p99 ${e2e.latency.p99Ms} ms (${e2e.arrived}/${e2e.events}); ${formatCpu(e2e.cpuMsPerRun)}`,
      );
      for (const stage of e2e.stages) {
        console.log(`    ${stage.step}: p50 ${stage.p50Ms} ms, p99 ${stage.p99Ms} ms (${stage.count})`);
      }
    }
    const result = {
      mode,
      splitRoles: split,
      machine: { cpus: cpus().length, model: cpus()[0]?.model },
      at: new Date().toISOString(),
      flow: 'trigger.event → logic.condition → action.webhook',
      engineThroughput: throughput,
      engineLatency: latency ?? null,
      endToEndWarmup: warmup ?? null,
      endToEnd: e2e ?? null,
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, `flows-${mode}.json`), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    stages.stop();
    await workers?.stop();
    await suite?.close();
    await environment_.dispose();
    await receiver.stop();
  }
}

const modes: Mode[] =
  args.mode === 'all' || args.mode === undefined
    ? (['embedded', 'postgres', 'kafka'] as const).filter(
        (mode) =>
          mode === 'embedded' ||
          (mode === 'postgres' && process.env.DATABASE_URL) ||
          (mode === 'kafka' &&
            process.env.DATABASE_URL &&
            process.env.KAFKA_BROKERS &&
            process.env.REDIS_URL),
      )
    : [args.mode as Mode];
for (const mode of modes) await runMode(mode);
process.exit(0);
