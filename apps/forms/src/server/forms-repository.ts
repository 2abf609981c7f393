import type { Tx } from '@orchestrator/shared/ports';
import {
  FormSettingsSchema,
  type CompiledForm,
  type Field,
  type FormDefinition,
  type HiddenField,
  type Logic,
  type PublishedVersion,
} from '../contracts/index.ts';

interface FormRow {
  id: string;
  tenant_id: string;
  title: string;
  fields: Field[];
  hidden_fields: HiddenField[];
  logic: Logic;
  settings: unknown;
  slug: string;
  published_version: number | null;
  latest_version: number | null;
  submission_count: number;
  created_at: Date;
  updated_at: Date;
  has_unpublished_changes: boolean;
}

/** A form as stored: the draft and its publishing state. */
export interface StoredForm {
  id: string;
  tenantId: string;
  slug: string;
  definition: FormDefinition;
  publishedVersion: number | null;
  latestVersion: number | null;
  hasUnpublishedChanges: boolean;
  submissionCount: number;
  createdAt: string;
  updatedAt: string;
}

interface VersionRow {
  form_id: string;
  version: number;
  definition: FormDefinition;
  compiled: CompiledForm;
  published_at: Date;
}

export interface StoredVersion extends PublishedVersion {
  formId: string;
}

const DRAFT_JSON = `jsonb_build_object('title', f.title, 'fields', f.fields, 'hiddenFields', f.hidden_fields,
  'logic', f.logic, 'settings', f.settings)`;

const SELECT_FORM = `SELECT f.id, f.tenant_id, f.title, f.fields, f.hidden_fields, f.logic, f.settings, f.slug,
    f.published_version, f.latest_version, f.submission_count, f.created_at, f.updated_at,
    (v.definition IS DISTINCT FROM ${DRAFT_JSON}) AS has_unpublished_changes
  FROM forms f LEFT JOIN form_versions v ON v.form_id = f.id AND v.version = f.latest_version`;

const toForm = (row: FormRow): StoredForm => ({
  id: row.id,
  tenantId: row.tenant_id,
  slug: row.slug,
  definition: {
    title: row.title,
    fields: row.fields,
    hiddenFields: row.hidden_fields,
    logic: row.logic,
    settings: FormSettingsSchema.parse(row.settings),
  },
  publishedVersion: row.published_version,
  latestVersion: row.latest_version,
  hasUnpublishedChanges: row.has_unpublished_changes,
  submissionCount: row.submission_count,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const toVersion = (row: VersionRow): StoredVersion => ({
  formId: row.form_id,
  version: row.version,
  publishedAt: row.published_at.toISOString(),
  definition: { ...row.definition, settings: FormSettingsSchema.parse(row.definition.settings) },
  compiled: row.compiled,
});

const definitionParams = (definition: FormDefinition) => [
  definition.title,
  JSON.stringify(definition.fields),
  JSON.stringify(definition.hiddenFields),
  JSON.stringify(definition.logic),
  JSON.stringify(definition.settings),
];

/** The rows of `forms` and `form_versions`. Everything runs in a tenant transaction except `findBySlug`. */
export class FormsRepository {
  async create(tx: Tx, tenantId: string, definition: FormDefinition, slug: string): Promise<StoredForm> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO forms (tenant_id, title, fields, hidden_fields, logic, settings, slug)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [tenantId, ...definitionParams(definition), slug],
    );
    return (await this.get(tx, rows[0]!.id))!;
  }

  async slugTaken(tx: Tx, slug: string): Promise<boolean> {
    const { rows } = await tx.query('SELECT 1 FROM forms WHERE slug = $1', [slug]);
    return rows.length > 0;
  }

  async get(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<StoredForm | undefined> {
    if (options.lock) await tx.query('SELECT 1 FROM forms WHERE id = $1 FOR UPDATE', [id]);
    const { rows } = await tx.query<FormRow>(`${SELECT_FORM} WHERE f.id = $1`, [id]);
    return rows[0] ? toForm(rows[0]) : undefined;
  }

  /** Newest first by last change; `q` matches the title. */
  async list(
    tx: Tx,
    options: { q?: string | undefined; after?: { updatedAt: string; id: string } | undefined; limit: number },
  ): Promise<StoredForm[]> {
    const { rows } = await tx.query<FormRow>(
      `${SELECT_FORM}
       WHERE ($1::text IS NULL OR f.title ILIKE '%' || $1 || '%')
         AND ($2::timestamptz IS NULL OR (f.updated_at, f.id) < ($2::timestamptz, $3::uuid))
       ORDER BY f.updated_at DESC, f.id DESC LIMIT $4`,
      [
        options.q ? options.q.replace(/[\\%_]/g, (char) => `\\${char}`) : null,
        options.after?.updatedAt ?? null,
        options.after?.id ?? null,
        options.limit,
      ],
    );
    return rows.map(toForm);
  }

  async update(tx: Tx, id: string, definition: FormDefinition): Promise<StoredForm | undefined> {
    const { rowCount } = await tx.query(
      `UPDATE forms SET title = $2, fields = $3, hidden_fields = $4, logic = $5, settings = $6, updated_at = date_trunc('milliseconds', now())
       WHERE id = $1`,
      [id, ...definitionParams(definition)],
    );
    return rowCount === 0 ? undefined : this.get(tx, id);
  }

  async delete(tx: Tx, id: string): Promise<boolean> {
    const { rowCount } = await tx.query('DELETE FROM forms WHERE id = $1', [id]);
    return rowCount > 0;
  }

  /** Freezes the draft as the next version and makes it the one respondents get. */
  async publish(tx: Tx, form: StoredForm, compiled: CompiledForm): Promise<number> {
    const version = (form.latestVersion ?? 0) + 1;
    await tx.query(
      `INSERT INTO form_versions (tenant_id, form_id, version, definition, compiled) VALUES ($1, $2, $3, $4, $5)`,
      [form.tenantId, form.id, version, JSON.stringify(form.definition), JSON.stringify(compiled)],
    );
    await tx.query(
      `UPDATE forms SET published_version = $2, latest_version = $2, updated_at = date_trunc('milliseconds', now()) WHERE id = $1`,
      [form.id, version],
    );
    return version;
  }

  /** Makes an existing version the one respondents get again. */
  async republish(tx: Tx, id: string, version: number): Promise<number> {
    await tx.query(
      `UPDATE forms SET published_version = $2, updated_at = date_trunc('milliseconds', now()) WHERE id = $1`,
      [id, version],
    );
    return version;
  }

  async unpublish(tx: Tx, id: string): Promise<void> {
    await tx.query(
      `UPDATE forms SET published_version = NULL, updated_at = date_trunc('milliseconds', now()) WHERE id = $1`,
      [id],
    );
  }

  async versions(tx: Tx, formId: string): Promise<StoredVersion[]> {
    const { rows } = await tx.query<VersionRow>(
      `SELECT form_id, version, definition, compiled, published_at FROM form_versions
       WHERE form_id = $1 ORDER BY version DESC`,
      [formId],
    );
    return rows.map(toVersion);
  }

  async version(tx: Tx, formId: string, version: number): Promise<StoredVersion | undefined> {
    const { rows } = await tx.query<VersionRow>(
      `SELECT form_id, version, definition, compiled, published_at FROM form_versions
       WHERE form_id = $1 AND version = $2`,
      [formId, version],
    );
    return rows[0] ? toVersion(rows[0]) : undefined;
  }

  /** Quota bookkeeping: stored non-spam submissions. */
  async addToSubmissionCount(tx: Tx, id: string, delta: number): Promise<void> {
    await tx.query('UPDATE forms SET submission_count = greatest(0, submission_count + $2) WHERE id = $1', [
      id,
      delta,
    ]);
  }

  /** Public pages: the workspace of a slug (system transaction; the slug is unique across workspaces). */
  async findBySlug(tx: Tx, slug: string): Promise<{ id: string; tenantId: string } | undefined> {
    const { rows } = await tx.query<{ id: string; tenant_id: string }>(
      'SELECT id, tenant_id FROM forms WHERE slug = $1',
      [slug],
    );
    return rows[0] ? { id: rows[0].id, tenantId: rows[0].tenant_id } : undefined;
  }
}
