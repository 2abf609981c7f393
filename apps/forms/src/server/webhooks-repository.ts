import type { Tx } from '@orchestrator/shared/ports';
import type {
  Delivery,
  DeliveryAttempt,
  DeliveryStatus,
  Webhook,
  WebhookEvent,
  WebhookPayload,
} from '../contracts/index.ts';

interface WebhookRow {
  id: string;
  form_id: string;
  url: string;
  secret: string;
  enabled: boolean;
  events: WebhookEvent[];
  created_at: Date;
  updated_at: Date;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  submission_id: string;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  last_response_status: number | null;
  last_response_body: string | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  attempted_at: Date;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number;
  succeeded: boolean;
}

const WEBHOOK_COLUMNS = 'id, form_id, url, secret, enabled, events, created_at, updated_at';
const DELIVERY_COLUMNS = `id, webhook_id, submission_id, event, status, attempts, last_response_status,
  last_response_body, last_error, next_attempt_at, delivered_at, created_at`;

const toWebhook = (row: WebhookRow): Webhook => ({
  id: row.id,
  formId: row.form_id,
  url: row.url,
  secret: row.secret,
  enabled: row.enabled,
  events: row.events,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const toAttempt = (row: AttemptRow): DeliveryAttempt => ({
  attempt: row.attempt,
  attemptedAt: row.attempted_at.toISOString(),
  responseStatus: row.response_status,
  responseBodyExcerpt: row.response_body,
  error: row.error,
  durationMs: row.duration_ms,
  succeeded: row.succeeded,
});

const toDelivery = (row: DeliveryRow, log: DeliveryAttempt[]): Delivery => ({
  id: row.id,
  webhookId: row.webhook_id,
  submissionId: row.submission_id,
  event: row.event,
  status: row.status,
  attempts: row.attempts,
  responseStatus: row.last_response_status,
  responseBodyExcerpt: row.last_response_body,
  error: row.last_error,
  nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
  deliveredAt: row.delivered_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
  log,
});

/** What one attempt of a delivery produced. */
export interface AttemptOutcome {
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
  succeeded: boolean;
  attemptedAt: string;
}

/** The rows of `form_webhooks`, `form_webhook_deliveries` and `form_webhook_attempts` (tenant transactions). */
export class WebhooksRepository {
  async list(tx: Tx, formId: string): Promise<Webhook[]> {
    const { rows } = await tx.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM form_webhooks WHERE form_id = $1 ORDER BY created_at, id`,
      [formId],
    );
    return rows.map(toWebhook);
  }

  async get(tx: Tx, formId: string, id: string): Promise<Webhook | undefined> {
    const { rows } = await tx.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM form_webhooks WHERE form_id = $1 AND id = $2`,
      [formId, id],
    );
    return rows[0] ? toWebhook(rows[0]) : undefined;
  }

  async create(
    tx: Tx,
    tenantId: string,
    formId: string,
    webhook: { url: string; secret: string; enabled: boolean; events: WebhookEvent[] },
  ): Promise<Webhook> {
    const { rows } = await tx.query<WebhookRow>(
      `INSERT INTO form_webhooks (tenant_id, form_id, url, secret, enabled, events)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${WEBHOOK_COLUMNS}`,
      [tenantId, formId, webhook.url, webhook.secret, webhook.enabled, webhook.events],
    );
    return toWebhook(rows[0]!);
  }

  async update(
    tx: Tx,
    formId: string,
    id: string,
    changes: {
      url?: string | undefined;
      secret?: string | undefined;
      enabled?: boolean | undefined;
      events?: WebhookEvent[] | undefined;
    },
  ): Promise<Webhook | undefined> {
    const { rows } = await tx.query<WebhookRow>(
      `UPDATE form_webhooks SET url = coalesce($3, url), secret = coalesce($4, secret),
         enabled = coalesce($5, enabled), events = coalesce($6, events), updated_at = now()
       WHERE form_id = $1 AND id = $2 RETURNING ${WEBHOOK_COLUMNS}`,
      [
        formId,
        id,
        changes.url ?? null,
        changes.secret ?? null,
        changes.enabled ?? null,
        changes.events ?? null,
      ],
    );
    return rows[0] ? toWebhook(rows[0]) : undefined;
  }

  async delete(tx: Tx, formId: string, id: string): Promise<boolean> {
    const { rowCount } = await tx.query('DELETE FROM form_webhooks WHERE form_id = $1 AND id = $2', [
      formId,
      id,
    ]);
    return rowCount > 0;
  }

  async enabledFor(tx: Tx, formId: string, event: WebhookEvent): Promise<Webhook[]> {
    const { rows } = await tx.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM form_webhooks WHERE form_id = $1 AND enabled AND $2 = ANY (events)
       ORDER BY created_at, id`,
      [formId, event],
    );
    return rows.map(toWebhook);
  }

  /** Queues one delivery per webhook, due at once (in the submission's transaction). */
  async enqueue(
    tx: Tx,
    tenantId: string,
    webhooks: readonly Webhook[],
    submissionId: string,
    payload: WebhookPayload,
    maxAttempts: number,
    now: string,
  ): Promise<void> {
    for (const webhook of webhooks) {
      await tx.query(
        `INSERT INTO form_webhook_deliveries (tenant_id, webhook_id, submission_id, event, payload, max_attempts, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (webhook_id, submission_id, event) DO NOTHING`,
        [tenantId, webhook.id, submissionId, payload.event, JSON.stringify(payload), maxAttempts, now],
      );
    }
  }

  async deliveries(
    tx: Tx,
    webhookId: string,
    options: {
      status?: DeliveryStatus | undefined;
      after?: { createdAt: string; id: string } | undefined;
      limit: number;
    },
  ): Promise<Delivery[]> {
    const { rows } = await tx.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM form_webhook_deliveries
       WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $5`,
      [
        webhookId,
        options.status ?? null,
        options.after?.createdAt ?? null,
        options.after?.id ?? null,
        options.limit,
      ],
    );
    return this.withLogs(tx, rows);
  }

  async delivery(tx: Tx, webhookId: string, id: string): Promise<Delivery | undefined> {
    const { rows } = await tx.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM form_webhook_deliveries WHERE webhook_id = $1 AND id = $2`,
      [webhookId, id],
    );
    return (await this.withLogs(tx, rows))[0];
  }

  /** A manual redelivery: due now, with one more attempt allowed whatever happened before. */
  async redeliver(tx: Tx, webhookId: string, id: string, now: string): Promise<boolean> {
    const { rowCount } = await tx.query(
      `UPDATE form_webhook_deliveries SET status = 'pending', next_attempt_at = $3,
         max_attempts = attempts + 1, updated_at = now()
       WHERE webhook_id = $1 AND id = $2`,
      [webhookId, id, now],
    );
    return rowCount > 0;
  }

  /** Logs an attempt and moves the delivery on: succeeded, retry at `retryAt`, or failed. */
  async recordAttempt(
    tx: Tx,
    tenantId: string,
    deliveryId: string,
    attempt: number,
    outcome: AttemptOutcome,
    retryAt: string | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO form_webhook_attempts (tenant_id, delivery_id, attempt, attempted_at, response_status,
         response_body, error, duration_ms, succeeded)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        tenantId,
        deliveryId,
        attempt,
        outcome.attemptedAt,
        outcome.responseStatus,
        outcome.responseBody,
        outcome.error,
        outcome.durationMs,
        outcome.succeeded,
      ],
    );
    const status: DeliveryStatus = outcome.succeeded ? 'succeeded' : retryAt ? 'pending' : 'failed';
    await tx.query(
      `UPDATE form_webhook_deliveries SET status = $2, attempts = $3, last_response_status = $4,
         last_response_body = $5, last_error = $6, next_attempt_at = $7,
         delivered_at = CASE WHEN $8 THEN $9::timestamptz ELSE delivered_at END, updated_at = now()
       WHERE id = $1`,
      [
        deliveryId,
        status,
        attempt,
        outcome.responseStatus,
        outcome.responseBody,
        outcome.error,
        outcome.succeeded ? null : retryAt,
        outcome.succeeded,
        outcome.attemptedAt,
      ],
    );
  }

  private async withLogs(tx: Tx, rows: DeliveryRow[]): Promise<Delivery[]> {
    if (rows.length === 0) return [];
    const { rows: attempts } = await tx.query<AttemptRow>(
      `SELECT delivery_id, attempt, attempted_at, response_status, response_body, error, duration_ms, succeeded
       FROM form_webhook_attempts WHERE delivery_id = ANY ($1::uuid[]) ORDER BY attempt DESC, id DESC`,
      [rows.map((row) => row.id)],
    );
    const logs = new Map<string, DeliveryAttempt[]>();
    for (const attempt of attempts) {
      logs.set(attempt.delivery_id, [...(logs.get(attempt.delivery_id) ?? []), toAttempt(attempt)]);
    }
    return rows.map((row) => toDelivery(row, logs.get(row.id) ?? []));
  }
}
