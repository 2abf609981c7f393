/**
 * The floor: the least any design of the CDP can do on this machine. The suite's real Segment ingest
 * (the `api` role alone: HTTP, validation, the batch durably on the bus before the 200) and one
 * consumer that writes each event once with the ceiling's plain INSERT — no identity resolution, no
 * profile, no announcement, no unique key. A profile builder can only add to this, so the floor's
 * events/s bounds what the end to end can reach here, and its ratio to the ceiling bounds the ratio.
 */
import type { CdpEnvelope } from '@orchestrator/cdp/contracts';
import { CDP_EVENTS_TOPIC } from '@orchestrator/cdp/client';
import { TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import { startSuite } from '@orchestrator/server';
import { describeCpu, type CpuSources } from './cpu-accounting.ts';
import type { WorkloadOptions } from './cdp-workload.ts';
import { messageIndex } from './cdp-workload.ts';
import { now, type Settings } from './bench-options.ts';
import { newWorkspace } from './bench-workspace.ts';
import {
  createScratchEventsTable,
  dropScratchEventsTable,
  insertScratchEvents,
  scratchEventRow,
} from './ceiling.ts';
import type { Phase } from './delivery-observer.ts';
import type { KafkaHousekeeping } from './bench-environment.ts';
import { type PhaseResult, runPhase } from './load-phase.ts';

const TABLE = 'bench_floor_events';

/** `settings.floorEvents` of the workload's kind, as fast as the ingest answers; prints its figures. */
export async function measureFloor({
  settings,
  run,
  env,
  kafka,
  cpuSources,
}: {
  settings: Settings;
  run: string;
  env: Record<string, string>;
  kafka: KafkaHousekeeping | undefined;
  cpuSources: CpuSources;
}): Promise<PhaseResult> {
  console.log(`  floor: ${settings.floorEvents} events through the ingest alone into one plain INSERT each…`);
  const floor = await floorPhase(env, kafka, cpuSources, settings, {
    events: settings.floorEvents,
    anonymous: Math.max(1, Math.min(settings.anonymous, Math.floor(settings.floorEvents / 2))),
    mergeShare: settings.mergeShare,
    prefix: `f${run}`,
    seed: settings.seed + 3,
    startTime: Date.now() - 60_000,
  });
  console.log(
    `  floor: ${floor.endToEndEventsPerSecond} events/s (ingest ${floor.ingestEventsPerSecond}/s), CPU per ` +
      `event ${describeCpu(floor.cpuMsPerEvent)}${floor.complete ? '' : ' — INCOMPLETE'}`,
  );
  return floor;
}

async function floorPhase(
  env: Record<string, string>,
  kafka: KafkaHousekeeping | undefined,
  cpuSources: CpuSources,
  settings: Settings,
  workload: WorkloadOptions,
): Promise<PhaseResult> {
  const suite = await startSuite({ env, roles: ['api'] });
  const group = `cdp-bench-floor-${workload.prefix}`;
  try {
    const database = await resolve(suite.container, TOKENS.Database);
    const bus = await resolve(suite.container, TOKENS.EventBus);
    const workspace = await newWorkspace(suite);
    await createScratchEventsTable(database, TABLE);
    await kafka?.startAtEnd(group, CDP_EVENTS_TOPIC);

    let phase: Phase | undefined;
    const subscription = await bus.subscribe({
      topic: CDP_EVENTS_TOPIC,
      group,
      handler: async (batch) => {
        const started = now();
        const mine = batch.filter((delivered) => delivered.headers[TENANT_ID_HEADER] === workspace.tenantId);
        const envelopes = mine.map((delivered) => delivered.value as CdpEnvelope);
        await insertScratchEvents(
          database,
          TABLE,
          envelopes.map(({ message, receivedAt }) => scratchEventRow(workspace, message, receivedAt)),
        );
        const at = now();
        if (!phase) return;
        for (const { message } of envelopes) {
          const index = messageIndex(message.messageId, phase.prefix);
          if (index !== undefined) phase.committed(index, at);
        }
        phase.chunks.push([envelopes.length, at - started]);
      },
    });
    try {
      return await runPhase(suite, { track: (tracked) => void (phase = tracked) }, workspace, {
        announces: false,
        workload,
        mode: 'max',
        batchSize: settings.batch,
        clients: settings.clients,
        maxSeconds: settings.maxSeconds,
        cpuSources,
      });
    } finally {
      await subscription.stop();
      await dropScratchEventsTable(database, TABLE);
    }
  } finally {
    await suite.close();
    await kafka?.deleteGroup(group, CDP_EVENTS_TOPIC);
  }
}
