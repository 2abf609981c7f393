import { once } from 'node:events';
import { z } from 'zod';
import { BadRequestError, NotFoundError } from '@orchestrator/shared/errors';
import { principalOf, type ApiRouter } from '@orchestrator/shared/http';
import { decodeCursor, encodeCursor } from '@orchestrator/shared/pagination';
import type { Database } from '@orchestrator/shared/ports';
import type { Response } from 'express';
import {
  SubmissionListQuerySchema,
  SubmissionListResponseSchema,
  SubmissionSchema,
  UpdateSubmissionRequestSchema,
} from '../contracts/index.ts';
import { csvHeader, csvRecord, exportColumns, prefixTsQuery } from '../domain/index.ts';
import { audit, FORM_EDITORS, FormIdParamsSchema } from './forms-router.ts';
import { FormsRepository } from './forms-repository.ts';
import {
  SubmissionsRepository,
  type SubmissionFilter,
  type SubmissionSort,
} from './submissions-repository.ts';

const SubmissionParamsSchema = z.object({ id: z.uuid(), sid: z.uuid() });
const KeysetCursorSchema = z.union([
  z.object({ s: z.string(), i: z.uuid() }),
  z.object({ o: z.number().int().min(0) }),
]);
const ExportQuerySchema = SubmissionListQuerySchema.pick({ q: true, category: true });

const EXPORT_BATCH = 500;

function sortOf(sort: string): SubmissionSort {
  if (sort.startsWith('answers.')) return { kind: 'answer', key: sort.slice('answers.'.length) };
  if (sort.startsWith('hiddenFields.')) return { kind: 'hidden', key: sort.slice('hiddenFields.'.length) };
  return { kind: 'submittedAt' };
}

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

/** A file name without characters that break `Content-Disposition`. */
function fileNameOf(title: string, date: string): string {
  const safe =
    title
      .replace(/[^\p{L}\p{N} _-]+/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'form';
  return `${safe.slice(0, 80)}-${date}.csv`;
}

/**
 * Submissions of a form: list with server-side search / category filter / sort / cursor, detail,
 * category changes, and the streamed CSV export (every field of every version plus hidden fields).
 */
export function addSubmissionRoutes(api: ApiRouter, database: Database): void {
  const forms = new FormsRepository();
  const submissions = new SubmissionsRepository();

  const filterOf = (query: {
    q?: string | undefined;
    category?: SubmissionFilter['category'];
  }): SubmissionFilter => ({
    tsQuery: query.q ? prefixTsQuery(query.q) : undefined,
    category: query.category,
  });

  api.get(
    '/:id/submissions/export.csv',
    {
      summary: 'Export submissions as CSV (UTF-8 with BOM; RFC 4180); same q/category filters as the list',
      params: FormIdParamsSchema,
      query: ExportQuerySchema,
    },
    async ({ params, query, req, res }) => {
      const tenantId = principalOf(req).tenantId;
      const filter = filterOf(query);
      const { form, versions } = await database.tenantTx(tenantId, async (tx) => ({
        form: await forms.get(tx, params.id),
        versions: await forms.versions(tx, params.id),
      }));
      if (!form) throw new NotFoundError('No such form');
      const columns = exportColumns(
        versions.length > 0 ? versions.map((version) => version.definition) : [form.definition],
      );
      const fileName = fileNameOf(form.definition.title, new Date().toISOString().slice(0, 10));
      res.status(200);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader(
        'content-disposition',
        `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      );
      res.setHeader('cache-control', 'no-store');
      await write(res, csvHeader(columns));
      let after: { submittedAt: string; id: string } | undefined;
      for (;;) {
        const batch = await database.tenantTx(tenantId, (tx) =>
          submissions.exportBatch(tx, params.id, filter, after, EXPORT_BATCH),
        );
        if (batch.length > 0)
          await write(res, batch.map((submission) => csvRecord(columns, submission)).join(''));
        if (batch.length < EXPORT_BATCH) break;
        const last = batch[batch.length - 1]!;
        after = { submittedAt: last.submittedAt, id: last.id };
      }
      res.end();
    },
  );

  api.get(
    '/:id/submissions',
    {
      summary: 'List submissions (search, category, sort, cursor pagination)',
      params: FormIdParamsSchema,
      query: SubmissionListQuerySchema,
      response: SubmissionListResponseSchema,
    },
    async ({ params, query, req }) => {
      const sort = sortOf(query.sort);
      const cursor = decodeCursor(query.cursor, KeysetCursorSchema);
      if (cursor && 'o' in cursor !== (sort.kind !== 'submittedAt')) {
        throw new BadRequestError('The cursor belongs to another sort; start again without it');
      }
      const filter = filterOf(query);
      return database.tenantTx(principalOf(req).tenantId, async (tx) => {
        if (!(await forms.get(tx, params.id))) throw new NotFoundError('No such form');
        const offset = cursor && 'o' in cursor ? cursor.o : 0;
        const rows = await submissions.list(tx, params.id, {
          filter,
          sort,
          order: query.order,
          after: cursor && 's' in cursor ? { submittedAt: cursor.s, id: cursor.i } : undefined,
          offset,
          limit: query.limit + 1,
        });
        const items = rows.slice(0, query.limit);
        const last = items[items.length - 1];
        const nextCursor =
          rows.length > query.limit && last
            ? encodeCursor(
                sort.kind === 'submittedAt'
                  ? { s: last.submittedAt, i: last.id }
                  : { o: offset + query.limit },
              )
            : null;
        return {
          items,
          nextCursor,
          total: await submissions.count(tx, params.id, filter),
          counts: await submissions.countsByCategory(tx, params.id),
        };
      });
    },
  );

  api.get(
    '/:id/submissions/:sid',
    { summary: 'Read one submission', params: SubmissionParamsSchema, response: SubmissionSchema },
    async ({ params, req }) => {
      const submission = await database.tenantTx(principalOf(req).tenantId, (tx) =>
        submissions.get(tx, params.id, params.sid),
      );
      if (!submission) throw new NotFoundError('No such submission');
      return submission;
    },
  );

  api.patch(
    '/:id/submissions/:sid',
    {
      summary: 'Move a submission to inbox, spam, starred or archived',
      roles: [...FORM_EDITORS],
      params: SubmissionParamsSchema,
      body: UpdateSubmissionRequestSchema,
      response: SubmissionSchema,
    },
    async ({ params, body, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        await forms.get(tx, params.id, { lock: true });
        const before = await submissions.setCategory(tx, params.id, params.sid, body.category);
        if (!before) throw new NotFoundError('No such submission');
        // The quota counts non-spam submissions.
        if (before === 'spam' && body.category !== 'spam') await forms.addToSubmissionCount(tx, params.id, 1);
        if (before !== 'spam' && body.category === 'spam')
          await forms.addToSubmissionCount(tx, params.id, -1);
        if (before !== body.category) {
          await audit(tx, principal, req, 'form_submission.categorized', params.sid, {
            from: before,
            to: body.category,
          });
        }
        return (await submissions.get(tx, params.id, params.sid))!;
      });
    },
  );
}
