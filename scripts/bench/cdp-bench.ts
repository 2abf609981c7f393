/**
 * `npm run bench:cdp` — how fast Segment traffic becomes profiles (issue 3, item 12).
 *
 *   node --import tsx scripts/bench/cdp-bench.ts [--mode embedded|postgres|kafka|all]
 *        [--events N] [--anonymous N] [--merge-share 0.2] [--batch 100] [--clients 8]
 *        [--rate N] [--rate-seconds N] [--rate-batch 10] [--builder-events N] [--max-seconds 150]
 *        [--floor-events N] [--seed 1] [--progress] [--trace-sql] [--cpu-profile <path>] [--keep-database]
 *        [--keep-kafka-records] [--split-roles]
 *
 * Defaults per mode (minutes each on a 2-core machine): embedded 20 000 events over 10 000 anonymous
 * ids, fixed rate 50/s, builder alone 5 000; postgres 100 000 / 50 000, 1 000/s, 20 000; kafka (the
 * issue's workload) 200 000 / 100 000, 1 000/s, 20 000; a 20 s paced phase. A smaller `--events`
 * scales the rest down (half as many anonymous ids, a 5 s paced phase): `--mode embedded --events 1000`
 * or `--mode kafka --events 5000` is a smoke run of under a minute. Requests carry `--batch` messages (fixed rate:
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
 * `--split-roles` (postgres, kafka): the suite as two processes, as deployed on a 2-core machine — the
 * `api` role in this process, the workers (`cdp-worker`, `relay`, `flows-worker`) in a child started
 * like the server (worker-process.ts); CPU per event then counts both.
 *
 * Per mode, on one fresh workspace and source:
 * 0. floor (postgres, kafka; `--floor-events 0` skips it) — the suite's `api` role alone, with one
 *    consumer writing each event once by the ceiling's INSERT (floor.ts): the least any design does;
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
 * 4. fixed rate — once every consumer has caught up with phase 3 (quiesce.ts), new traffic at `--rate`
 *    events/s for `--rate-seconds`, latencies p50/p99 as above.
 * Figures are printed and written to scripts/bench/results/cdp-<mode>.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

import { CDP_EVENTS_TOPIC } from '@orchestrator/cdp/client';
import { CDP_PROFILE_EVENTS_TOPIC } from '@orchestrator/cdp/contracts';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import { DEFAULT_PROFILE_CONSUMERS } from '@orchestrator/cdp/server';
import { startSuite, type RunningSuite } from '@orchestrator/server';
import { describeCpu, type CpuSources } from './cpu-accounting.ts';
import { workload, type WorkloadOptions, type WorkloadSummary } from './cdp-workload.ts';
import { environment } from './bench-environment.ts';
import { type Mode, RESULTS_DIR, settingsFor, modes, args } from './bench-options.ts';
import { newWorkspace, databaseFacts } from './bench-workspace.ts';
import { type BuilderResult, measureBuilder, outboxDrained } from './builder-alone.ts';
import { measureCeiling } from './ceiling.ts';
import { measureFloor } from './floor.ts';
import { Observer } from './delivery-observer.ts';
import { type PhaseResult, runPhase, round } from './load-phase.ts';
import { traceSql } from './sql-trace.ts';
import { waitUntilQuiet } from './quiesce.ts';
import { startWorkerProcess, WORKER_ROLES, type WorkerProcess } from './worker-process.ts';

async function benchmark(mode: Mode) {
  const settings = settingsFor(mode);
  const run = randomBytes(3).toString('hex');
  console.log(
    `\n== ${mode}: ${settings.events} events over ${settings.anonymous} anonymous ids (run ${run})`,
  );
  const environment_ = await environment(mode);
  let suite: RunningSuite | undefined;
  let workers: WorkerProcess | undefined;
  const split = args['split-roles'] && mode !== 'embedded';
  const observer = new Observer();
  const observerGroup = `cdp-bench-${run}`;
  let groupWatch: { stop(): void; foreignMembers(): number } | undefined;
  try {
    const cpuSources: CpuSources = {
      databaseUrl: environment_.env.DATABASE_URL,
      kafka: mode === 'kafka',
      processes: [],
    };
    const floor =
      settings.floorEvents > 0
        ? await measureFloor({ settings, run, env: environment_.env, kafka: environment_.kafka, cpuSources })
        : undefined;
    await environment_.kafka?.prepareProfilesGroup();
    await environment_.kafka?.startAtEnd(observerGroup, CDP_PROFILE_EVENTS_TOPIC);
    suite = await startSuite({ env: environment_.env, ...(split ? { roles: ['api'] as const } : {}) });
    if (split) workers = await startWorkerProcess(environment_.env);
    const database = await resolve(suite.container, TOKENS.Database);
    const bus = await resolve(suite.container, TOKENS.EventBus);
    const workspace = await newWorkspace(suite);
    if (workers) cpuSources.processes = [workers.pid];
    groupWatch = environment_.kafka?.watchGroup(DEFAULT_PROFILE_CONSUMERS);
    await observer.start(bus, observerGroup, workers);

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
    const ceiling = await measureCeiling(database, workspace, main, cpuSources);
    console.log(
      `  ceiling: ${ceiling.eventsPerSecond} events/s (1 writer ${ceiling.oneWriter.eventsPerSecond}, 2 writers ` +
        `${ceiling.twoWriters.eventsPerSecond}), CPU per event ${ceiling.cpuMsPerEvent.total} ms ` +
        `(this process ${ceiling.cpuMsPerEvent.node}, PostgreSQL ${ceiling.cpuMsPerEvent.postgres ?? '-'})`,
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
    const untilQuiet = () =>
      waitUntilQuiet(
        database,
        mode === 'kafka' ? (process.env.KAFKA_BROKERS ?? '').split(',') : undefined,
        [CDP_EVENTS_TOPIC, CDP_PROFILE_EVENTS_TOPIC],
        180_000,
      );
    const throughput = await runPhase(suite, observer, workspace, {
      workload: main,
      mode: 'max',
      batchSize: settings.batch,
      clients: settings.clients,
      maxSeconds: settings.maxSeconds,
      cpuSources,
      untilQuiet,
    });
    const cpu = throughput.cpuMsPerEvent;
    console.log(
      `  CPU per event: ${describeCpu(cpu)}: at most ~${Math.round((cpus().length * 1000) / cpu.total)} events/s on ` +
        `${cpus().length} dedicated cores`,
    );
    const after = throughput.untilQuiet;
    if (after) {
      // The search refresh runs a delay after the changes (CDP_SEARCH_REFRESH_DELAY_MS) and consumers
      // trail the builder: the work left when the last event was visible is part of what events cost.
      console.log(
        `  CPU per event with the work left after the last event was visible (${after.seconds} s until quiet` +
          `${after.backlog ? `, NOT quiet: ${after.backlog} left` : ''}): ${describeCpu(after.cpuMsPerEvent)}`,
      );
    }
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
      const quiet = await untilQuiet();
      console.log(
        `  the other consumers caught up in ${quiet.seconds} s${quiet.backlog ? ` — NOT: ${quiet.backlog} left` : ''}`,
      );
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
      description:
        {
          embedded: 'local binding set: PGlite (on disk) + Postgres-log event bus',
          postgres: 'local binding set on the PostgreSQL server + Postgres-log event bus',
          kafka: 'staging binding set: PostgreSQL server + Apache Kafka + Redis',
        }[mode] +
        (split
          ? `, two processes: api in the bench's, ${WORKER_ROLES.join(' + ')} in another`
          : ', one process (all roles)'),
      splitRoles: split,
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
      /** The ingest alone into one plain INSERT an event (floor.ts): the most any design reaches here. */
      floor,
      floorRatioToCeiling: floor && round(floor.endToEndEventsPerSecond / ceiling.eventsPerSecond, 3),
      ratioToFloor: floor && round(throughput.endToEndEventsPerSecond / floor.endToEndEventsPerSecond, 3),
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
    console.log(
      `  ratio to ceiling: ${result.ratioToCeiling}` +
        (floor
          ? ` (the floor's: ${result.floorRatioToCeiling}, the end to end's to the floor: ${result.ratioToFloor})`
          : ''),
    );
    console.log(`  database: ${JSON.stringify(facts)}`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `cdp-${mode}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`  written to ${file}`);
    return result;
  } finally {
    groupWatch?.stop();
    await observer.stop().catch(() => undefined);
    await workers?.stop();
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
      `floor ${result.floor?.endToEndEventsPerSecond ?? '-'}/s (ratio ${result.floorRatioToCeiling ?? '-'}), ` +
      `p99 at ${result.fixedRate?.targetEventsPerSecond ?? '-'}/s: ${result.fixedRate?.latencyMs.p99 ?? '-'} ms, ` +
      `builder alone ${result.builderAlone?.eventsPerSecond ?? '-'}/s`,
  );
}
process.exit(0);
