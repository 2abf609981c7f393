/** One load phase: the client in a worker thread, what the observer saw, and the phase's figures. */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Session } from 'node:inspector';
import { Worker } from 'node:worker_threads';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import type { RunningSuite } from '@orchestrator/server';
import type { LoadClientOptions, LoadClientReport } from './cdp-load-client.ts';
import { cpuPerEvent, startCpuAccounting, type CpuSeconds, type CpuSources } from './cpu-accounting.ts';
import { type WorkloadOptions } from './cdp-workload.ts';
import { now, args } from './bench-options.ts';
import { type Workspace } from './bench-workspace.ts';
import { Phase } from './delivery-observer.ts';
import type { Quiet } from './quiesce.ts';
import { printSqlTimes } from './sql-trace.ts';

export interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface PhaseResult {
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
  /**
   * With `untilQuiet`: CPU per event counting also the work the phase left behind when its last event
   * was visible (the announcements' consumers, the delayed search refresh), until the suite was quiet.
   */
  untilQuiet?: Quiet & { cpuMsPerEvent: ReturnType<typeof cpuPerEvent> };
  /** How late timers ran on the server's event loop (how busy it was). */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

export async function runPhase(
  suite: RunningSuite,
  observer: { track(phase: Phase): void },
  workspace: Workspace,
  options: {
    /** False: nothing is announced on the bus (the floor), only the commits count. */
    announces?: boolean;
    workload: WorkloadOptions;
    mode: 'max' | 'rate';
    batchSize: number;
    clients: number;
    rate?: number;
    maxSeconds: number;
    cpuSources: CpuSources;
    /** Waits until the suite has done everything the phase caused (quiesce.ts). */
    untilQuiet?: () => Promise<Quiet>;
  },
): Promise<PhaseResult> {
  const phase = new Phase(options.workload.prefix, options.workload.events, options.announces);
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
  const cpuSeconds = { ...(await accounting.stop()), loadClient: done.cpuSeconds };
  loopDelay.disable();
  await profiler?.stop(
    `${args['cpu-profile']}-${options.announces === false ? 'floor' : options.mode}.cpuprofile`,
  );
  progress?.stop();
  printSqlTimes();
  // After the phase's own figures (event loop, profile, SQL trace): only the CPU counts on.
  const quiet = options.untilQuiet && (await options.untilQuiet());
  const cpuSecondsUntilQuiet = quiet && { ...(await accounting.stop()), loadClient: done.cpuSeconds };

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
    ...(quiet &&
      cpuSecondsUntilQuiet && {
        untilQuiet: {
          ...quiet,
          cpuMsPerEvent: cpuPerEvent(cpuSecondsUntilQuiet, Math.max(1, phase.visible)),
        },
      }),
    eventLoopDelayMs: {
      p50: round(loopDelay.percentile(50) / 1e6, 1),
      p99: round(loopDelay.percentile(99) / 1e6, 1),
      max: round(loopDelay.max / 1e6, 1),
    },
  };
}

export function latencyOf(values: number[]): Latency {
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
export async function startProfiler() {
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
export function watchProgress(suite: RunningSuite, phase: Phase) {
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

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
