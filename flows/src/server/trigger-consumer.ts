import { z } from 'zod';
import { busPositionOf, TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import { systemQueryable } from '@orchestrator/shared/db';
import type { Logger } from '@orchestrator/shared/logging';
import type { Clock, Database, DeliveredMessage, EventBus, Tx } from '@orchestrator/shared/ports';
import { CDP_PROFILE_EVENTS_TOPIC } from '@orchestrator/cdp/contracts';
import type { FlowEvent } from '../contracts/index.ts';
import { eventMatchesProperties } from '../domain/index.ts';
import { eventWaitLockKeys, takeEventWaitLocksSql } from './event-wait-lock.ts';
import { ActiveTriggers, triggerMatches, type ActiveTrigger } from './active-triggers.ts';
import { SCHEDULE_TRIGGER_TYPE } from './flow-scheduler.ts';
import { normalizeBusEvent, type NormalizedBusEvent } from './flow-event-normalizer.ts';
import {
  isProfileErasure,
  ProfileRunErasure,
  profileErasureOf,
  type ProfileErasure,
} from './profile-run-erasure.ts';
import { newlyClaimedRun, type ClaimedRun } from './run-claims.ts';
import { RunStarter, type RunStart } from './run-starter.ts';
import { RunStore } from './run-store.ts';

/** The consumer group of flow triggers on `cdp.profile-events`. */
export const FLOW_TRIGGERS_CONSUMER_GROUP = 'flows-triggers';

const DEFAULT_MAX_ATTEMPTS = 5;

/** What a batch holds for flows, in order: events, and erasures of profiles. */
type BatchItem = NormalizedBusEvent | ProfileErasure;

export interface TriggerConsumerOptions {
  database: Database;
  clock: Clock;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** Called after a batch committed new due work (wakes the executor in this process). */
  onWork?: () => void;
  triggers?: ActiveTriggers;
  maxAttempts?: number;
  /** The executor of this process, which takes new runs already claimed (see EagerRuns). */
  eager?: EagerRuns;
}

/**
 * An executor in the consumer's process that takes the runs a batch starts without claiming them:
 * they are inserted with its claim token and lease and handed over after the commit. On the path of
 * every run, that saves a claim statement (an update of the run) and the wait for the claim loop.
 */
export interface EagerRuns {
  /**
   * Room for up to `wanted` runs; returns how many it grants (0 when busy or stopping: those runs are
   * left due, for any worker). Every grant ends with adopt() or cancel().
   */
  reserve(wanted: number): number;
  leaseMs: number;
  /** Takes the runs started claimed for it, in the room `reserved` (what was not used is let go). */
  adopt(runs: ClaimedRun[], reserved: number): void;
  cancel(reserved: number): void;
}

/** Room granted by EagerRuns during one batch's transaction, and the runs started in it. */
interface EagerGrant {
  reserved: number;
  runs: ClaimedRun[];
}

/**
 * Flow triggers on the CDP's profile events: each batch, in one transaction and in order, starts the
 * runs of the active versions whose trigger matches (deduplicated by the event's bus id, entry rules
 * applied), exits the live runs whose goal event arrived (runs started earlier in the batch included),
 * wakes runs waiting for the event, and cancels and scrubs the runs of erased profiles. Redelivered
 * events change nothing; a batch failing again and again is logged and skipped so its partition moves.
 */
export class TriggerConsumer {
  private readonly starter = new RunStarter();
  private readonly store = new RunStore();
  private readonly erasure = new ProfileRunErasure();
  private readonly attempts = new Map<string, number>();
  readonly triggers: ActiveTriggers;

  constructor(private readonly options: TriggerConsumerOptions) {
    this.triggers = options.triggers ?? new ActiveTriggers();
  }

  subscribe(bus: EventBus, options: { maxBatchSize?: number } = {}) {
    return bus.subscribe({
      topic: CDP_PROFILE_EVENTS_TOPIC,
      group: FLOW_TRIGGERS_CONSUMER_GROUP,
      handler: (batch) => this.handleBatch(batch),
      ...options,
    });
  }

  async handleBatch(batch: readonly DeliveredMessage[]): Promise<void> {
    const first = batch[0];
    if (!first) return;
    const position = busPositionOf(first);
    try {
      // Which of the batch's tenants have flows, before parsing a message or opening a transaction:
      // a workspace that never created a flow costs one query per batch, not a parse per message.
      const tenants = [...new Set(batch.map((delivered) => delivered.headers?.[TENANT_ID_HEADER] ?? ''))];
      const triggers = await this.triggers.forTenants(
        systemQueryable(this.options.database),
        tenants.filter((tenantId) => z.uuid().safeParse(tenantId).success),
      );
      const items = batch.flatMap((delivered): BatchItem[] => {
        if (!triggers.has(delivered.headers?.[TENANT_ID_HEADER] ?? '')) return [];
        const erasure = profileErasureOf(delivered);
        if (erasure) return [erasure];
        const normalized = normalizeBusEvent(delivered);
        return normalized ? [normalized] : [];
      });
      const grant: EagerGrant = { reserved: 0, runs: [] };
      try {
        if (items.length > 0) {
          await this.options.database.systemTx((tx) => this.apply(tx, items, triggers, grant));
        }
      } finally {
        // Handed over after the commit; what is left (a rollback) is let go.
        if (grant.reserved > 0) this.options.eager?.cancel(grant.reserved);
      }
      this.attempts.delete(position);
    } catch (error) {
      const attempts = (this.attempts.get(position) ?? 0) + 1;
      if (attempts < (this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
        this.attempts.set(position, attempts);
        this.options.logger.warn(
          { err: error, position, attempts },
          'Flow triggers failed; the batch will be redelivered',
        );
        throw error;
      }
      this.attempts.delete(position);
      this.options.logger.error(
        { err: error, position, attempts },
        'Flow triggers kept failing; skipped this batch',
      );
    }
  }

  /**
   * A tenant's items in batch order. Merges and erasures change whose runs are whose, so they split
   * the events into stretches; each stretch is applied in a few statements (starts, then goal exits,
   * then wakes), which sees what the events before it in the stretch did.
   */
  private async apply(
    tx: Tx,
    items: readonly BatchItem[],
    triggers: ReadonlyMap<string, readonly ActiveTrigger[]>,
    grant: EagerGrant,
  ): Promise<void> {
    const now = this.options.clock.now();
    const tenants = [...new Set(items.map((item) => item.tenantId))];
    let work = false;
    for (const tenantId of tenants) {
      const active = triggers.get(tenantId);
      if (active === undefined) continue;
      let stretch: FlowEvent[] = [];
      const applyStretch = async () => {
        if (stretch.length > 0) {
          work = (await this.applyEvents(tx, tenantId, active, stretch, now, grant)) || work;
        }
        stretch = [];
      };
      for (const item of items) {
        if (item.tenantId !== tenantId) continue;
        if (isProfileErasure(item)) {
          await applyStretch();
          await this.erasure.erase(tx, tenantId, item.erasedIds, now);
          continue;
        }
        if (item.event.profileId && item.absorbedIds.length > 0) {
          await applyStretch();
          await this.followMerge(tx, tenantId, item.event.profileId, item.absorbedIds);
        }
        stretch.push(item.event);
      }
      await applyStretch();
    }
    if (work && this.options.onWork) tx.afterCommit(this.options.onWork);
    const eager = this.options.eager;
    if (eager && grant.reserved > 0) {
      tx.afterCommit(() => {
        const reserved = grant.reserved;
        grant.reserved = 0;
        eager.adopt(grant.runs, reserved);
      });
    }
  }

  /**
   * Starts, goal exits and wakes of a stretch of one tenant's events; true when it made due work for
   * any worker. Runs started claimed for this process's executor are added to the grant.
   */
  private async applyEvents(
    tx: Tx,
    tenantId: string,
    active: readonly ActiveTrigger[],
    events: readonly FlowEvent[],
    now: Date,
    grant: EagerGrant,
  ): Promise<boolean> {
    let work = false;
    const everyTime: RunStart[] = [];
    for (const event of events) {
      for (const trigger of active) {
        // Schedules start their runs from the scheduler, never from a CDP event.
        if (trigger.type === SCHEDULE_TRIGGER_TYPE || !triggerMatches(trigger, event)) continue;
        const start: RunStart = {
          tenantId,
          flowId: trigger.flowId,
          version: trigger.version,
          nodeId: trigger.nodeId,
          settings: trigger.settings,
          trigger: event,
          profileId: event.profileId,
          dedupeKey: event.id,
          now,
        };
        // Entry rules that limit entries are checked one run at a time, under the profile's entry lock.
        if (trigger.settings.entry.mode === 'everyTime' || event.profileId === null) everyTime.push(start);
        else work = (await this.starter.start(tx, start)).started || work;
      }
    }
    const eager = this.options.eager;
    const granted = eager && everyTime.length > 0 ? eager.reserve(everyTime.length) : 0;
    grant.reserved += granted;
    const { started, claimed: taken } = await this.starter.startEveryTime(tx, everyTime, {
      count: granted,
      leaseUntil: new Date(now.getTime() + (eager?.leaseMs ?? 0)),
    });
    for (const { start, id, claimToken } of taken)
      grant.runs.push(newlyClaimedRun(start, { id, claimToken }));
    work = started > taken.length || work;
    const profiled = events.filter((event) => event.profileId !== null);
    if (profiled.length > 0) {
      await this.exitOnGoal(tx, tenantId, profiled, now);
      work = (await this.wakeWaiting(tx, tenantId, profiled, now)) || work;
    }
    return work;
  }

  /** Runs and waits of profiles merged away now belong to the survivor (its events wake them). */
  private async followMerge(tx: Tx, tenantId: string, survivor: string, absorbed: string[]): Promise<void> {
    await tx.query(
      'UPDATE flow_event_waits SET profile_id = $2 WHERE tenant_id = $1 AND profile_id = ANY($3::uuid[])',
      [tenantId, survivor, absorbed],
    );
    await tx.query(
      `UPDATE flow_runs SET profile_id = $2 WHERE tenant_id = $1 AND profile_id = ANY($3::uuid[])
         AND status IN ('running', 'waiting')`,
      [tenantId, survivor, absorbed],
    );
  }

  /**
   * Live runs of these profiles whose version's goal is one of these events exit, except runs started
   * by this event or a later one of the stretch (the goal came first). The same statement takes the
   * profiles' event-wait locks (see lockEventWaits), under which wakeWaiting reads next: one round trip.
   */
  private async exitOnGoal(tx: Tx, tenantId: string, events: readonly FlowEvent[], now: Date): Promise<void> {
    await tx.query(
      `WITH arrived AS (
         SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS e(profile_id, event, id, ord)
       ), candidates AS MATERIALIZED (
         -- One index probe per event (OFFSET 0 keeps it one): hashed against the tenant's whole live
         -- index instead, the statement read every entry left by finished runs until a vacuum.
         SELECT live.id, e.event, e.ord FROM arrived e CROSS JOIN LATERAL (
           SELECT l.id FROM flow_runs l
           WHERE l.tenant_id = $1 AND l.profile_id = e.profile_id AND l.status IN ('running', 'waiting')
           OFFSET 0
         ) live
       ), exited AS (
         -- The candidates by primary key, their status as an expression no index matches: tested on the
         -- column, the planner read every live run through the status index first (10,000 entries and
         -- 13 ms after a few thousand runs), or the whole table while it was small.
         UPDATE flow_runs r SET status = 'exited', next_at = NULL, claim_token = NULL, current_node_id = NULL,
           resume_at = NULL, resume_event = NULL, finished_at = $5, updated_at = $5
         FROM candidates c
         WHERE r.id = ANY (ARRAY(SELECT id FROM candidates)) AND r.id = c.id AND r.goal_event = c.event
           AND r.status || '' IN ('running', 'waiting')
           AND NOT EXISTS (SELECT 1 FROM arrived s WHERE s.id = r.dedupe_key AND s.ord >= c.ord)
         RETURNING r.id, r.goal_event
       ), closed AS (
         UPDATE flow_steps s SET status = 'skipped', finished_at = $5,
           output = jsonb_build_object('goalReached', x.goal_event)
         FROM exited x WHERE s.run_id = x.id AND s.status IN ('running', 'waiting')
       ), deleted AS (
         DELETE FROM flow_event_waits WHERE run_id IN (SELECT id FROM exited)
       )
       SELECT ${takeEventWaitLocksSql('$6')} AS locked`,
      [
        tenantId,
        events.map((event) => event.profileId),
        events.map((event) => event.event),
        events.map((event) => event.id),
        now.toISOString(),
        eventWaitLockKeys(
          tenantId,
          events.map((event) => event.profileId!),
        ),
      ],
    );
  }

  /**
   * Runs of these profiles waiting for one of these events resume now, with the event. Read under the
   * profiles' event-wait locks, which exitOnGoal took: after any wait being parked for them committed.
   */
  private async wakeWaiting(
    tx: Tx,
    tenantId: string,
    events: readonly FlowEvent[],
    now: Date,
  ): Promise<boolean> {
    const profileIds = [...new Set(events.map((event) => event.profileId!))];
    const { rows } = await tx.query<{
      run_id: string;
      profile_id: string;
      event: string;
      properties: Record<string, unknown>;
    }>(
      `SELECT run_id, profile_id, event, properties FROM flow_event_waits
       WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[]) AND event = ANY($3::text[])
       ORDER BY run_id FOR UPDATE`,
      [tenantId, profileIds, [...new Set(events.map((event) => event.event))]],
    );
    let woke = false;
    for (const wait of rows) {
      const event = events.find(
        (candidate) =>
          candidate.profileId === wait.profile_id &&
          candidate.event === wait.event &&
          eventMatchesProperties(candidate.properties, wait.properties ?? {}),
      );
      if (event) woke = (await this.store.wakeWithEvent(tx, wait.run_id, event, now)) || woke;
    }
    return woke;
  }
}
