import type { Tx } from '@orchestrator/shared/ports';

export interface NewNotification {
  tenantId: string;
  submissionId: string;
  recipients: string[];
  subject: string;
  body: string;
  replyTo: string | null;
  dueAt: string;
}

export interface ClaimedNotification {
  id: string;
  tenantId: string;
  recipients: string[];
  subject: string;
  body: string;
  replyTo: string | null;
  attempts: number;
}

/** `form_notifications`: written in the submission's transaction, claimed by the integrations worker. */
export class NotificationsRepository {
  async enqueue(tx: Tx, notification: NewNotification): Promise<void> {
    await tx.query(
      `INSERT INTO form_notifications (tenant_id, submission_id, recipients, subject, body, reply_to, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        notification.tenantId,
        notification.submissionId,
        notification.recipients,
        notification.subject,
        notification.body,
        notification.replyTo,
        notification.dueAt,
      ],
    );
  }

  /** Claims due notifications (system transaction), pushing them `leaseMs` into the future meanwhile. */
  async claim(tx: Tx, now: Date, leaseMs: number, limit: number): Promise<ClaimedNotification[]> {
    const { rows } = await tx.query<{
      id: string;
      tenant_id: string;
      recipients: string[];
      subject: string;
      body: string;
      reply_to: string | null;
      attempts: number;
    }>(
      `WITH due AS (
         SELECT id FROM form_notifications WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       UPDATE form_notifications n SET next_attempt_at = $2 FROM due WHERE n.id = due.id
       RETURNING n.id, n.tenant_id, n.recipients, n.subject, n.body, n.reply_to, n.attempts`,
      [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit],
    );
    return rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      recipients: row.recipients,
      subject: row.subject,
      body: row.body,
      replyTo: row.reply_to,
      attempts: row.attempts,
    }));
  }

  async markSent(tx: Tx, id: string, at: string): Promise<void> {
    await tx.query(
      `UPDATE form_notifications SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL
       WHERE id = $1`,
      [id, at],
    );
  }

  async markFailed(tx: Tx, id: string, error: string, retryAt: string | null): Promise<void> {
    await tx.query(
      `UPDATE form_notifications SET status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
         attempts = attempts + 1, last_error = $2, next_attempt_at = coalesce($3::timestamptz, next_attempt_at)
       WHERE id = $1`,
      [id, error.slice(0, 1000), retryAt],
    );
  }
}
