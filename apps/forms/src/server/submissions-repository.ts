import type { Tx } from '@orchestrator/shared/ports';
import type { AnswerValue, Submission, SubmissionCategory } from '../contracts/index.ts';

interface SubmissionRow {
  id: string;
  form_id: string;
  version: number;
  answers: Record<string, AnswerValue>;
  hidden_fields: Record<string, string>;
  category: SubmissionCategory;
  spam_reason: string | null;
  started_at: Date | null;
  submitted_at: Date;
  user_agent: string | null;
}

const COLUMNS = `s.id, s.form_id, s.version, s.answers, s.hidden_fields, s.category, s.spam_reason,
  s.started_at, s.submitted_at, s.user_agent`;

const toSubmission = (row: SubmissionRow): Submission => ({
  id: row.id,
  formId: row.form_id,
  version: row.version,
  answers: row.answers,
  hiddenFields: row.hidden_fields,
  category: row.category,
  spamReason: row.spam_reason,
  startedAt: row.started_at?.toISOString() ?? null,
  submittedAt: row.submitted_at.toISOString(),
  userAgent: row.user_agent,
});

export interface NewSubmission {
  tenantId: string;
  formId: string;
  version: number;
  answers: Record<string, AnswerValue>;
  hiddenFields: Record<string, string>;
  category: SubmissionCategory;
  spamReason: string | null;
  idempotencyKey: string;
  ipHash: string | null;
  userAgent: string | null;
  startedAt: string | null;
  submittedAt: string;
  searchText: string;
}

/** Which submissions a list or export covers. */
export interface SubmissionFilter {
  /** A `to_tsquery('simple', …)` text (see `prefixTsQuery`). */
  tsQuery?: string | undefined;
  /** One category; `all`; or undefined = inbox + starred. */
  category?: SubmissionCategory | 'all' | undefined;
}

export type SubmissionSort =
  { kind: 'submittedAt' } | { kind: 'answer'; key: string } | { kind: 'hidden'; key: string };

function filterSql(filter: SubmissionFilter, params: unknown[]): string {
  const clauses: string[] = [];
  if (filter.category === undefined) clauses.push(`s.category IN ('inbox', 'starred')`);
  else if (filter.category !== 'all') {
    params.push(filter.category);
    clauses.push(`s.category = $${params.length}`);
  }
  if (filter.tsQuery) {
    params.push(filter.tsQuery);
    clauses.push(`s.search @@ to_tsquery('simple', $${params.length})`);
  }
  return clauses.map((clause) => ` AND ${clause}`).join('');
}

/** The rows of `form_submissions`, always in a tenant transaction. */
export class SubmissionsRepository {
  async idByIdempotencyKey(tx: Tx, formId: string, key: string): Promise<string | undefined> {
    const { rows } = await tx.query<{ id: string }>(
      'SELECT id FROM form_submissions WHERE form_id = $1 AND idempotency_key = $2',
      [formId, key],
    );
    return rows[0]?.id;
  }

  /** Inserts; undefined when a submission with the same idempotency key exists already. */
  async insert(tx: Tx, submission: NewSubmission): Promise<string | undefined> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO form_submissions (tenant_id, form_id, version, answers, hidden_fields, category, spam_reason,
         idempotency_key, ip_hash, user_agent, started_at, submitted_at, search)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, to_tsvector('simple', $13))
       ON CONFLICT (form_id, idempotency_key) DO NOTHING
       RETURNING id`,
      [
        submission.tenantId,
        submission.formId,
        submission.version,
        JSON.stringify(submission.answers),
        JSON.stringify(submission.hiddenFields),
        submission.category,
        submission.spamReason,
        submission.idempotencyKey,
        submission.ipHash,
        submission.userAgent,
        submission.startedAt,
        submission.submittedAt,
        submission.searchText,
      ],
    );
    return rows[0]?.id;
  }

  async get(tx: Tx, formId: string, id: string): Promise<Submission | undefined> {
    const { rows } = await tx.query<SubmissionRow>(
      `SELECT ${COLUMNS} FROM form_submissions s WHERE s.form_id = $1 AND s.id = $2`,
      [formId, id],
    );
    return rows[0] ? toSubmission(rows[0]) : undefined;
  }

  /** Moves a submission to a category; returns the category it had (undefined: no such submission). */
  async setCategory(
    tx: Tx,
    formId: string,
    id: string,
    category: SubmissionCategory,
  ): Promise<SubmissionCategory | undefined> {
    const { rows } = await tx.query<{ category: SubmissionCategory }>(
      'SELECT category FROM form_submissions WHERE form_id = $1 AND id = $2 FOR UPDATE',
      [formId, id],
    );
    if (!rows[0]) return undefined;
    await tx.query('UPDATE form_submissions SET category = $3 WHERE form_id = $1 AND id = $2', [
      formId,
      id,
      category,
    ]);
    return rows[0].category;
  }

  /**
   * One page. Sorted by submission time with a keyset cursor (`after`), or by an answer / hidden field
   * (jsonb order: numbers numerically, texts alphabetically; unanswered last) with an offset cursor.
   */
  async list(
    tx: Tx,
    formId: string,
    options: {
      filter: SubmissionFilter;
      sort: SubmissionSort;
      order: 'asc' | 'desc';
      after?: { submittedAt: string; id: string } | undefined;
      offset?: number | undefined;
      limit: number;
    },
  ): Promise<Submission[]> {
    const params: unknown[] = [formId];
    let where = filterSql(options.filter, params);
    const direction = options.order === 'asc' ? 'ASC' : 'DESC';
    let orderBy: string;
    if (options.sort.kind === 'submittedAt') {
      if (options.after) {
        params.push(options.after.submittedAt, options.after.id);
        const op = options.order === 'asc' ? '>' : '<';
        where += ` AND (s.submitted_at, s.id) ${op} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
      }
      orderBy = `s.submitted_at ${direction}, s.id ${direction}`;
    } else {
      params.push(options.sort.key);
      const column = options.sort.kind === 'answer' ? 's.answers' : 's.hidden_fields';
      orderBy = `${column} -> $${params.length}::text ${direction} NULLS LAST, s.submitted_at DESC, s.id DESC`;
    }
    params.push(options.limit, options.offset ?? 0);
    const { rows } = await tx.query<SubmissionRow>(
      `SELECT ${COLUMNS} FROM form_submissions s WHERE s.form_id = $1${where}
       ORDER BY ${orderBy} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map(toSubmission);
  }

  async count(tx: Tx, formId: string, filter: SubmissionFilter): Promise<number> {
    const params: unknown[] = [formId];
    const where = filterSql(filter, params);
    const { rows } = await tx.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM form_submissions s WHERE s.form_id = $1${where}`,
      params,
    );
    return rows[0]?.total ?? 0;
  }

  async countsByCategory(tx: Tx, formId: string): Promise<Record<SubmissionCategory, number>> {
    const { rows } = await tx.query<{ category: SubmissionCategory; total: number }>(
      'SELECT category, count(*)::int AS total FROM form_submissions WHERE form_id = $1 GROUP BY category',
      [formId],
    );
    const counts: Record<SubmissionCategory, number> = { inbox: 0, spam: 0, starred: 0, archived: 0 };
    for (const row of rows) counts[row.category] = row.total;
    return counts;
  }

  /** A batch of the export, oldest first, after the position of the previous batch. */
  async exportBatch(
    tx: Tx,
    formId: string,
    filter: SubmissionFilter,
    after: { submittedAt: string; id: string } | undefined,
    limit: number,
  ): Promise<Submission[]> {
    const params: unknown[] = [formId];
    let where = filterSql(filter, params);
    if (after) {
      params.push(after.submittedAt, after.id);
      where += ` AND (s.submitted_at, s.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit);
    const { rows } = await tx.query<SubmissionRow>(
      `SELECT ${COLUMNS} FROM form_submissions s WHERE s.form_id = $1${where}
       ORDER BY s.submitted_at, s.id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toSubmission);
  }
}
