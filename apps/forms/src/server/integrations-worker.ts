import { WakeupSignal } from '@orchestrator/shared/bus';
import type { Logger } from '@orchestrator/shared/logging';
import type { Clock, Database, EmailSender } from '@orchestrator/shared/ports';
import { SIGNATURE_HEADER } from '../contracts/index.ts';
import { DEFAULT_RETRY_SCHEDULE_MS, nextRetryDelayMs, signWebhook } from '../domain/index.ts';
import { NotificationsRepository } from './notifications-repository.ts';
import { postWebhook, type WebhookPost, type WebhookPostResult } from './webhook-sender.ts';
import { WebhooksRepository } from './webhooks-repository.ts';

export interface IntegrationsWorkerOptions {
  database: Database;
  emailSender: EmailSender;
  clock: Clock;
  logger: Logger;
  /** Delays before retries 1, 2, … (default 1 min, 5 min, 30 min, 2 h, 6 h, 12 h). */
  retrySchedule?: readonly number[];
  /** 0..1; jitter source (tests pass a constant). */
  random?: () => number;
  pollIntervalMs?: number;
  batchSize?: number;
  /** How long a claimed job stays invisible to other workers (a crash retries it after this). */
  leaseMs?: number;
  /** Per-request timeout of a webhook POST (default 10 s). */
  timeoutMs?: number;
  /** See `WebhookSenderOptions.allowPrivateNetworks`. */
  allowPrivateNetworks?: boolean;
  /** The HTTP call (tests may replace it). */
  post?: (
    post: WebhookPost,
    options: { timeoutMs: number; allowPrivateNetworks: boolean },
  ) => Promise<WebhookPostResult>;
}

interface ClaimedDelivery {
  id: string;
  tenant_id: string;
  webhook_id: string;
  event: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  url: string | null;
  secret: string | null;
  enabled: boolean | null;
}

/** Notifications are retried on the same schedule, at most this many times. */
const MAX_NOTIFICATION_ATTEMPTS = 5;

/**
 * The Forms integrations worker (role `relay`): delivers webhook deliveries and e-mail notifications
 * that submissions queued in their own transaction. Jobs are claimed with `FOR UPDATE SKIP LOCKED`
 * and a lease, so several workers share the work and a crash only delays a job. Every webhook attempt
 * is logged; failures are retried on the schedule with jitter, then marked failed.
 */
export class IntegrationsWorker {
  private readonly signal = new WakeupSignal();
  private readonly webhooks = new WebhooksRepository();
  private readonly notifications = new NotificationsRepository();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: IntegrationsWorkerOptions) {}

  /** Wakes the worker now (after a commit that queued work). */
  readonly kick = (): void => this.signal.notify();

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal.notify();
    await this.loop;
  }

  /** One round: due webhook deliveries and due notifications; returns how many jobs ran. */
  async runOnce(): Promise<number> {
    const [deliveries, notifications] = await Promise.all([this.deliverWebhooks(), this.sendNotifications()]);
    return deliveries + notifications;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = 0;
      const mark = this.signal.mark();
      try {
        worked = await this.runOnce();
      } catch (error) {
        this.options.logger.error({ err: error }, 'forms integrations round failed');
      }
      if (worked === 0 && this.running) await this.signal.wait(this.options.pollIntervalMs ?? 1_000, mark);
    }
  }

  private get schedule(): readonly number[] {
    return this.options.retrySchedule ?? DEFAULT_RETRY_SCHEDULE_MS;
  }

  private retryAt(now: Date, failedAttempt: number): string | null {
    const delay = nextRetryDelayMs(failedAttempt, this.schedule, this.options.random);
    return delay === undefined ? null : new Date(now.getTime() + delay).toISOString();
  }

  private async deliverWebhooks(): Promise<number> {
    const now = this.options.clock.now();
    const leaseMs = this.options.leaseMs ?? 120_000;
    const claimed = await this.options.database.systemTx(async (tx) => {
      const { rows } = await tx.query<ClaimedDelivery>(
        `WITH due AS (
           SELECT id FROM form_webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
           ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE form_webhook_deliveries d SET next_attempt_at = $2, updated_at = now() FROM due
           WHERE d.id = due.id
           RETURNING d.id, d.tenant_id, d.webhook_id, d.event, d.payload, d.attempts, d.max_attempts
         )
         SELECT c.*, w.url, w.secret, w.enabled FROM claimed c LEFT JOIN form_webhooks w ON w.id = c.webhook_id`,
        [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), this.options.batchSize ?? 20],
      );
      return rows;
    });
    await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
    return claimed.length;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const attempt = delivery.attempts + 1;
    const attemptedAt = this.options.clock.now();
    let result: WebhookPostResult;
    if (!delivery.url || !delivery.secret || !delivery.enabled) {
      result = { error: 'The webhook is disabled', durationMs: 0 };
    } else {
      const body = JSON.stringify(delivery.payload);
      const timestamp = Math.floor(attemptedAt.getTime() / 1000);
      const post = this.options.post ?? postWebhook;
      try {
        result = await post(
          {
            url: delivery.url,
            body,
            headers: {
              'content-type': 'application/json',
              'user-agent': 'Orchestrator-Webhooks/1.0',
              [SIGNATURE_HEADER]: signWebhook(delivery.secret, body, timestamp),
              'X-Orchestrator-Event': delivery.event,
              'X-Orchestrator-Delivery': delivery.id,
              'X-Orchestrator-Attempt': String(attempt),
            },
          },
          {
            timeoutMs: this.options.timeoutMs ?? 10_000,
            allowPrivateNetworks: this.options.allowPrivateNetworks ?? false,
          },
        );
      } catch (error) {
        result = { error: (error as Error).message, durationMs: Date.now() - attemptedAt.getTime() };
      }
    }
    const succeeded = result.status !== undefined && result.status >= 200 && result.status < 300;
    const canRetry = !succeeded && delivery.enabled === true && attempt < delivery.max_attempts;
    const retryAt = canRetry ? this.retryAt(this.options.clock.now(), attempt) : null;
    const error =
      result.error ??
      (succeeded ? null : `The receiver answered ${result.status ?? 'nothing'}; a 2xx was expected`);
    try {
      await this.options.database.tenantTx(delivery.tenant_id, (tx) =>
        this.webhooks.recordAttempt(
          tx,
          delivery.tenant_id,
          delivery.id,
          attempt,
          {
            attemptedAt: attemptedAt.toISOString(),
            responseStatus: result.status ?? null,
            responseBody: result.bodyExcerpt ?? null,
            error,
            durationMs: Math.round(result.durationMs),
            succeeded,
          },
          retryAt,
        ),
      );
    } catch (recordError) {
      // The lease expires and the delivery is tried again: at-least-once.
      this.options.logger.error(
        { err: recordError, deliveryId: delivery.id },
        'could not record a webhook attempt',
      );
    }
  }

  private async sendNotifications(): Promise<number> {
    const now = this.options.clock.now();
    const claimed = await this.options.database.systemTx((tx) =>
      this.notifications.claim(tx, now, this.options.leaseMs ?? 120_000, this.options.batchSize ?? 20),
    );
    for (const notification of claimed) {
      try {
        await this.options.emailSender.send({
          to: notification.recipients,
          subject: notification.subject,
          text: notification.body,
          ...(notification.replyTo ? { replyTo: notification.replyTo } : {}),
          idempotencyKey: `form-notification:${notification.id}`,
        });
        await this.options.database.tenantTx(notification.tenantId, (tx) =>
          this.notifications.markSent(tx, notification.id, this.options.clock.now().toISOString()),
        );
      } catch (error) {
        const attempt = notification.attempts + 1;
        const retryAt =
          attempt < MAX_NOTIFICATION_ATTEMPTS ? this.retryAt(this.options.clock.now(), attempt) : null;
        this.options.logger.warn({ err: error, notificationId: notification.id }, 'form notification failed');
        await this.options.database
          .tenantTx(notification.tenantId, (tx) =>
            this.notifications.markFailed(tx, notification.id, (error as Error).message, retryAt),
          )
          .catch(() => undefined);
      }
    }
    return claimed.length;
  }
}
