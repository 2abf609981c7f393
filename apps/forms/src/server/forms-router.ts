import { z } from 'zod';
import { recordAudit } from '@orchestrator/shared/audit';
import type { Config } from '@orchestrator/shared/config';
import { NotFoundError, ValidationError } from '@orchestrator/shared/errors';
import { ApiRouter, principalOf, type ApiKernel, type Principal } from '@orchestrator/shared/http';
import { decodeCursor, encodeCursor } from '@orchestrator/shared/pagination';
import type { Clock, Database, Tx } from '@orchestrator/shared/ports';
import type { Request } from 'express';
import {
  CompileRequestSchema,
  CompileResponseSchema,
  CreateFormRequestSchema,
  FormListQuerySchema,
  FormListResponseSchema,
  FormSchema,
  PublishedVersionListResponseSchema,
  PublishResponseSchema,
  UpdateFormRequestSchema,
  type Form,
  type FormDefinition,
} from '../contracts/index.ts';
import { compileForm, formStatus, isAnswerable, newSlug, validateLogic } from '../domain/index.ts';
import { FormsRepository, type StoredForm } from './forms-repository.ts';
import { baseUrlOf, formUrl } from './http-helpers.ts';

export const FormIdParamsSchema = z.object({ id: z.uuid() });
const FormCursorSchema = z.object({ u: z.string(), i: z.uuid() });

/** Who may change forms, their webhooks and submissions' categories. */
export const FORM_EDITORS = ['admin', 'member'] as const;

export interface FormsRouterDependencies {
  database: Database;
  clock: Clock;
  config: Config;
}

export function audit(
  tx: Tx,
  principal: Principal,
  req: Request,
  action: string,
  targetId: string,
  details = {},
) {
  return recordAudit(tx, {
    tenantId: principal.tenantId,
    actorUserId: principal.userId,
    actorApiKeyId: principal.apiKeyId,
    action,
    targetType: 'form',
    targetId,
    details,
    requestId: req.id,
  });
}

/** Logic errors are refused when a form is saved, like any other invalid input (422 naming the rule). */
function assertValidLogic(definition: FormDefinition): void {
  const errors = validateLogic(definition.fields, definition.logic);
  if (errors.length > 0) {
    throw new ValidationError(
      'The logic has jumps that cannot run',
      errors.map((error) => ({ ...error, field: `body.${error.field}` })),
    );
  }
}

/**
 * `/api/v1/forms`: create, list, read, replace (`PUT {title, fields, hiddenFields, logic, settings}`),
 * delete, publish (freezes the draft as an immutable version), unpublish, versions, and a compile
 * endpoint for the builder's live preview. Submissions and webhooks add their routes to the same router.
 */
export function formsRouter(kernel: ApiKernel, deps: FormsRouterDependencies): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1/forms', 'Forms');
  const forms = new FormsRepository();
  const { database, clock, config } = deps;

  const present = (form: StoredForm): Form => ({
    id: form.id,
    ...form.definition,
    slug: form.slug,
    status: formStatus(
      { published: form.publishedVersion !== null, submissionCount: form.submissionCount },
      form.definition.settings,
      clock.now(),
    ),
    url: formUrl(baseUrlOf(config), form.slug),
    publishedVersion: form.publishedVersion,
    latestVersion: form.latestVersion,
    hasUnpublishedChanges: form.latestVersion === null ? true : form.hasUnpublishedChanges,
    submissionCount: form.submissionCount,
    createdAt: form.createdAt,
    updatedAt: form.updatedAt,
  });

  api.post(
    '',
    {
      summary: 'Create a form (a draft; publish it to open it to the public)',
      roles: [...FORM_EDITORS],
      body: CreateFormRequestSchema,
      response: FormSchema,
    },
    async ({ body, req }) => {
      assertValidLogic(body);
      const principal = principalOf(req);
      let slug = newSlug();
      while (await database.systemTx((tx) => forms.slugTaken(tx, slug))) slug = newSlug();
      return database.tenantTx(principal.tenantId, async (tx) => {
        const form = await forms.create(tx, principal.tenantId, body, slug);
        await audit(tx, principal, req, 'form.created', form.id, { title: form.definition.title });
        return present(form);
      });
    },
  );

  api.get(
    '',
    {
      summary: 'List forms, recently changed first',
      query: FormListQuerySchema,
      response: FormListResponseSchema,
    },
    async ({ query, req }) => {
      const after = decodeCursor(query.cursor, FormCursorSchema);
      const rows = await database.tenantTx(principalOf(req).tenantId, (tx) =>
        forms.list(tx, {
          q: query.q,
          after: after && { updatedAt: after.u, id: after.i },
          limit: query.limit + 1,
        }),
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((form) => {
          const full = present(form);
          return {
            id: full.id,
            title: full.title,
            slug: full.slug,
            status: full.status,
            url: full.url,
            publishedVersion: full.publishedVersion,
            latestVersion: full.latestVersion,
            hasUnpublishedChanges: full.hasUnpublishedChanges,
            submissionCount: full.submissionCount,
            createdAt: full.createdAt,
            updatedAt: full.updatedAt,
          };
        }),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor({ u: last.updatedAt, i: last.id }) : null,
      };
    },
  );

  api.post(
    '/compile',
    {
      summary: 'Compile a (draft) definition to JSON Schema + uiSchema, for the live preview',
      status: 200,
      body: CompileRequestSchema,
      response: CompileResponseSchema,
    },
    async ({ body }) => compileForm(body),
  );

  api.get(
    '/:id',
    {
      summary: 'Read a form (its draft and publishing state)',
      params: FormIdParamsSchema,
      response: FormSchema,
    },
    async ({ params, req }) => {
      const form = await database.tenantTx(principalOf(req).tenantId, (tx) => forms.get(tx, params.id));
      if (!form) throw new NotFoundError('No such form');
      return present(form);
    },
  );

  api.put(
    '/:id',
    {
      summary: 'Replace the draft: title, fields, hidden fields, logic and settings',
      roles: [...FORM_EDITORS],
      params: FormIdParamsSchema,
      body: UpdateFormRequestSchema,
      response: FormSchema,
    },
    async ({ params, body, req }) => {
      assertValidLogic(body);
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const form = await forms.update(tx, params.id, body);
        if (!form) throw new NotFoundError('No such form');
        await audit(tx, principal, req, 'form.updated', form.id);
        return present(form);
      });
    },
  );

  api.delete(
    '/:id',
    {
      summary: 'Delete a form with its versions, submissions and webhooks',
      roles: [...FORM_EDITORS],
      status: 204,
      params: FormIdParamsSchema,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      await database.tenantTx(principal.tenantId, async (tx) => {
        if (!(await forms.delete(tx, params.id))) throw new NotFoundError('No such form');
        await audit(tx, principal, req, 'form.deleted', params.id);
      });
    },
  );

  api.post(
    '/:id/publish',
    {
      summary: 'Publish the draft as a new immutable version; respondents get it from now on',
      roles: [...FORM_EDITORS],
      status: 200,
      params: FormIdParamsSchema,
      response: PublishResponseSchema,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const form = await forms.get(tx, params.id, { lock: true });
        if (!form) throw new NotFoundError('No such form');
        if (!form.definition.fields.some(isAnswerable)) {
          throw new ValidationError('A form needs at least one question before it can be published', [
            { field: 'fields', message: 'needs at least one question' },
          ]);
        }
        assertValidLogic(form.definition);
        // Publishing an unchanged draft reopens the latest version instead of copying it.
        const version =
          form.latestVersion !== null && !form.hasUnpublishedChanges
            ? await forms.republish(tx, form.id, form.latestVersion)
            : await forms.publish(tx, form, compileForm(form.definition));
        await audit(tx, principal, req, 'form.published', form.id, { version });
        return { slug: form.slug, url: formUrl(baseUrlOf(config), form.slug), version };
      });
    },
  );

  api.post(
    '/:id/unpublish',
    {
      summary: 'Stop taking responses (the public form answers 410); publishing again reopens it',
      roles: [...FORM_EDITORS],
      status: 200,
      params: FormIdParamsSchema,
      response: FormSchema,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        const form = await forms.get(tx, params.id, { lock: true });
        if (!form) throw new NotFoundError('No such form');
        await forms.unpublish(tx, form.id);
        await audit(tx, principal, req, 'form.unpublished', form.id);
        return present((await forms.get(tx, form.id))!);
      });
    },
  );

  api.get(
    '/:id/versions',
    {
      summary: 'The published versions of a form, newest first',
      params: FormIdParamsSchema,
      response: PublishedVersionListResponseSchema,
    },
    async ({ params, req }) => {
      return database.tenantTx(principalOf(req).tenantId, async (tx) => {
        if (!(await forms.get(tx, params.id))) throw new NotFoundError('No such form');
        const versions = await forms.versions(tx, params.id);
        return { items: versions.map(({ formId: _formId, ...version }) => version) };
      });
    },
  );

  return api;
}
