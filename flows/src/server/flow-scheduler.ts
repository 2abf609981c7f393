import { WakeupSignal } from '@orchestrator/shared/bus';
import type { Logger } from '@orchestrator/shared/logging';
import type { Clock, Database, Tx } from '@orchestrator/shared/ports';
import type { FlowEvent, FlowGraph } from '../contracts/index.ts';
import {
  SCHEDULE_FIRED_EVENT,
  TriggerScheduleConfigSchema,
  nextScheduleFire,
} from '../domain/nodes/trigger-schedule.ts';
import { settingsOf } from './flows-repository.ts';
import { RunStarter } from './run-starter.ts';

export const SCHEDULE_TRIGGER_TYPE = 'trigger.schedule';

/**
 * Keeps `flow_schedules` in step with a flow (in the transaction that publishes, pauses, resumes or
 * deletes it): an active version whose trigger is a schedule gets its next fire time, anything else none.
 */
export async function syncFlowSchedule(
  tx: Tx,
  flow: { tenantId: string; id: string; status: string; activeVersion: number | null },
  graph: FlowGraph | undefined,
  now: Date,
): Promise<void> {
  await tx.query('DELETE FROM flow_schedules WHERE flow_id = $1', [flow.id]);
  if (flow.status !== 'active' || flow.activeVersion === null || !graph) return;
  const node = graph.nodes.find((candidate) => candidate.type === SCHEDULE_TRIGGER_TYPE);
  const config = node && TriggerScheduleConfigSchema.safeParse(node.data?.config ?? {}).data;
  if (!node || !config) return;
  await tx.query(
    `INSERT INTO flow_schedules (flow_id, tenant_id, version, node_id, config, next_fire_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      flow.id,
      flow.tenantId,
      flow.activeVersion,
      node.id,
      JSON.stringify(config),
      nextScheduleFire(config, now)?.toISOString() ?? null,
    ],
  );
}

interface DueSchedule {
  flow_id: string;
  tenant_id: string;
  version: number;
  node_id: string;
  config: unknown;
  next_fire_at: Date | string;
  settings: unknown;
}

/**
 * Fires `trigger.schedule` flows (role `flows-worker`; several may run): due schedules are claimed
 * `FOR UPDATE SKIP LOCKED`, each fire starts one run deduplicated by its fire time, and the next fire
 * is computed from now (after downtime a schedule fires once for what it missed, not once per miss).
 */
export class FlowScheduler {
  private readonly starter = new RunStarter();
  private readonly signal = new WakeupSignal();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly options: {
      database: Database;
      clock: Clock;
      logger: Pick<Logger, 'error'>;
      onWork?: () => void;
      pollIntervalMs?: number;
    },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.runOnce();
        } catch (error) {
          this.options.logger.error({ err: error }, 'flow scheduler round failed');
        }
        if (this.running) await this.signal.wait(this.options.pollIntervalMs ?? 1_000);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal.notify();
    await this.loop;
  }

  /** Fires every due schedule once; returns how many fired. */
  async runOnce(): Promise<number> {
    const now = this.options.clock.now();
    return this.options.database.systemTx(async (tx) => {
      const { rows } = await tx.query<DueSchedule>(
        `SELECT s.*, v.settings FROM flow_schedules s
         JOIN flow_versions v ON v.flow_id = s.flow_id AND v.version = s.version
         WHERE s.next_fire_at <= $1 ORDER BY s.next_fire_at LIMIT 50 FOR UPDATE OF s SKIP LOCKED`,
        [now.toISOString()],
      );
      for (const schedule of rows) {
        const config = TriggerScheduleConfigSchema.parse(schedule.config);
        const firedAt = new Date(schedule.next_fire_at).toISOString();
        const id = `schedule:${schedule.flow_id}:${firedAt}`;
        const trigger: FlowEvent = {
          id,
          event: SCHEDULE_FIRED_EVENT,
          profileId: null,
          messageId: id,
          timestamp: firedAt,
          properties: { scheduledAt: firedAt, cron: config.cron, timeZone: config.timeZone },
          context: {},
        };
        await this.starter.start(tx, {
          tenantId: schedule.tenant_id,
          flowId: schedule.flow_id,
          version: schedule.version,
          nodeId: schedule.node_id,
          settings: settingsOf(schedule.settings),
          trigger,
          profileId: null,
          dedupeKey: id,
          now,
        });
        await tx.query('UPDATE flow_schedules SET next_fire_at = $2 WHERE flow_id = $1', [
          schedule.flow_id,
          nextScheduleFire(config, now)?.toISOString() ?? null,
        ]);
      }
      if (rows.length > 0 && this.options.onWork) tx.afterCommit(this.options.onWork);
      return rows.length;
    });
  }
}
