import { createHash } from 'node:crypto';
import {
  ConflictError,
  GoneError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '@orchestrator/shared/errors';
import type { CdpClient, Clock, Database, RateLimiter, RateLimitRule, Tx } from '@orchestrator/shared/ports';
import {
  PublicFormSettingsSchema,
  type PublicFormResponse,
  type PublicSubmissionRequestSchema,
  type WebhookPayload,
} from '../contracts/index.ts';
import {
  availability,
  contactOf,
  formSubmittedMessage,
  maxAttempts,
  notificationEmail,
  searchTextOf,
  spamReason,
  validateSubmission,
  type Availability,
} from '../domain/index.ts';
import { z } from 'zod';
import { FormsRepository, type StoredForm, type StoredVersion } from './forms-repository.ts';
import { NotificationsRepository } from './notifications-repository.ts';
import { SubmissionsRepository } from './submissions-repository.ts';
import { ValidatorCache } from './validator-cache.ts';
import { WebhooksRepository } from './webhooks-repository.ts';

/** Per form and client IP: a burst of 10 submissions, then one every 6 seconds. */
export const SUBMISSION_RATE_LIMIT: RateLimitRule = { capacity: 10, refillPerSecond: 1 / 6 };

export interface PublicFormsServiceDependencies {
  database: Database;
  clock: Clock;
  cdp: CdpClient;
  limiter: RateLimiter;
  /** Base URL of the suite (PUBLIC_URL), for links in notification e-mails. */
  baseUrl: () => string;
  /** Called after a commit that queued webhook deliveries or notifications. */
  onQueued: () => void;
  retrySchedule: readonly number[];
  rateLimit?: RateLimitRule;
}

export interface SubmissionMeta {
  ip: string | undefined;
  userAgent: string | undefined;
}

const EmailAddressSchema = z.email();

type SubmissionBody = z.output<typeof PublicSubmissionRequestSchema>;

/** The respondent's address as Reply-To, if the e-mail port would accept it. */
function replyToOf(email: string | undefined): string | null {
  return email !== undefined && EmailAddressSchema.safeParse(email).success ? email : null;
}

function refuse(state: Exclude<Availability, { open: true }>): never {
  if (state.reason === 'quota') throw new ConflictError(state.message);
  throw new GoneError(state.message);
}

/** The public side of a form: its published schema, and the submission pipeline. */
export class PublicFormsService {
  private readonly forms = new FormsRepository();
  private readonly submissions = new SubmissionsRepository();
  private readonly webhooks = new WebhooksRepository();
  private readonly notifications = new NotificationsRepository();
  private readonly validators = new ValidatorCache();

  constructor(private readonly deps: PublicFormsServiceDependencies) {}

  private async locate(slug: string): Promise<{ id: string; tenantId: string }> {
    const found = await this.deps.database.systemTx((tx) => this.forms.findBySlug(tx, slug));
    if (!found) throw new NotFoundError('There is no form at this address');
    return found;
  }

  /** The form respondents get now, and the settings that govern it (those of the current version). */
  private async current(
    tx: Tx,
    formId: string,
    lock = false,
  ): Promise<{ form: StoredForm; current: StoredVersion | undefined }> {
    const form = await this.forms.get(tx, formId, { lock });
    if (!form) throw new NotFoundError('There is no form at this address');
    const current =
      form.publishedVersion === null
        ? undefined
        : await this.forms.version(tx, form.id, form.publishedVersion);
    return { form, current };
  }

  private availabilityOf(form: StoredForm, current: StoredVersion | undefined): Availability {
    return availability(
      { published: current !== undefined, submissionCount: form.submissionCount },
      current?.definition.settings ?? form.definition.settings,
      this.deps.clock.now(),
    );
  }

  async publicForm(slug: string, requestedVersion?: number): Promise<PublicFormResponse> {
    const { id, tenantId } = await this.locate(slug);
    return this.deps.database.tenantTx(tenantId, async (tx) => {
      const { form, current } = await this.current(tx, id);
      const state = this.availabilityOf(form, current);
      if (!state.open) refuse(state);
      const version =
        requestedVersion === undefined || requestedVersion === current!.version
          ? current!
          : await this.forms.version(tx, id, requestedVersion);
      if (!version) throw new NotFoundError(`This form has no version ${requestedVersion}`);
      const { definition, compiled } = version;
      return {
        slug: form.slug,
        formId: form.id,
        version: version.version,
        title: definition.title,
        fields: definition.fields,
        hiddenFields: definition.hiddenFields,
        logic: definition.logic,
        settings: PublicFormSettingsSchema.parse(definition.settings),
        jsonSchema: compiled.jsonSchema,
        uiSchema: compiled.uiSchema,
        hiddenFieldsSchema: compiled.hiddenFieldsSchema,
        publishedAt: version.publishedAt,
      };
    });
  }

  /**
   * The submission pipeline, in one transaction of the form's workspace: the same idempotency key →
   * the first submission's id; closed → 410, quota → 409; logic + validation on the chosen version →
   * 422 per field; spam checks (filed, not refused); then the submission, the CDP event, webhook
   * deliveries and the notification, all committed together.
   */
  async submit(
    slug: string,
    body: SubmissionBody,
    meta: SubmissionMeta,
  ): Promise<{ id: string; created: boolean }> {
    const rule = this.deps.rateLimit ?? SUBMISSION_RATE_LIMIT;
    const decision = await this.deps.limiter.take(`forms-submit:${slug}:${meta.ip ?? 'unknown'}`, rule);
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new RateLimitedError(
        `Too many submissions from your address; try again in ${seconds} s`,
        seconds,
      );
    }
    const { id: formId, tenantId } = await this.locate(slug);
    return this.deps.database.tenantTx(tenantId, async (tx) => {
      // The form row lock serializes submissions of one form: quota and idempotency hold under races.
      const { form, current } = await this.current(tx, formId, true);
      const existing = await this.submissions.idByIdempotencyKey(tx, formId, body.idempotencyKey);
      if (existing) return { id: existing, created: false };

      const state = this.availabilityOf(form, current);
      if (!state.open) refuse(state);
      const published = current!;
      const version =
        body.version !== undefined && body.version !== published.version
          ? ((await this.forms.version(tx, formId, body.version)) ?? published)
          : published;

      const validation = validateSubmission(
        version.definition,
        this.validators.get(formId, version.version, version.compiled),
        { answers: body.answers, hiddenFields: body.hiddenFields },
      );
      if (!validation.ok) {
        throw new ValidationError('Some answers need attention', validation.errors);
      }
      const { answers, hiddenFields } = validation.value;
      const now = this.deps.clock.now();
      const submittedAt = now.toISOString();
      const settings = published.definition.settings;
      const reason = spamReason({ honeypot: body.website, startedAt: body.startedAt }, settings, now);

      const id = await this.submissions.insert(tx, {
        tenantId,
        formId,
        version: version.version,
        answers,
        hiddenFields,
        category: reason ? 'spam' : 'inbox',
        spamReason: reason,
        idempotencyKey: body.idempotencyKey,
        ipHash: meta.ip ? createHash('sha256').update(`${formId}:${meta.ip}`).digest('hex') : null,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        startedAt: body.startedAt ?? null,
        submittedAt,
        searchText: searchTextOf(version.definition.fields, answers, hiddenFields),
      });
      if (!id) {
        const raced = await this.submissions.idByIdempotencyKey(tx, formId, body.idempotencyKey);
        return { id: raced!, created: false };
      }
      // Spam is stored (and visible under "spam") but goes nowhere else and does not use up the quota.
      if (reason) return { id, created: true };

      await this.forms.addToSubmissionCount(tx, formId, 1);
      const { fields, title } = version.definition;
      await this.deps.cdp.enqueue(tx, tenantId, [
        formSubmittedMessage({
          formId,
          version: version.version,
          definition: { title, fields },
          submissionId: id,
          answers,
          hiddenFields,
          submittedAt,
        }),
      ]);

      const hooks = await this.webhooks.enabledFor(tx, formId, 'submission.created');
      const payload: WebhookPayload = {
        id,
        event: 'submission.created',
        formId,
        formTitle: title,
        version: version.version,
        answers,
        hiddenFields,
        submittedAt,
      };
      await this.webhooks.enqueue(
        tx,
        tenantId,
        hooks,
        id,
        payload,
        maxAttempts(this.deps.retrySchedule),
        submittedAt,
      );

      if (settings.notifyEmails.length > 0) {
        const email = notificationEmail({
          formTitle: title,
          fields,
          answers,
          hiddenFields,
          submittedAt,
          link: `${this.deps.baseUrl()}/forms/${formId}/submissions?submission=${id}`,
        });
        await this.notifications.enqueue(tx, {
          tenantId,
          submissionId: id,
          recipients: settings.notifyEmails,
          subject: email.subject,
          body: email.text,
          replyTo: replyToOf(contactOf(fields, answers).email),
          dueAt: submittedAt,
        });
      }
      if (hooks.length > 0 || settings.notifyEmails.length > 0) tx.afterCommit(this.deps.onQueued);
      return { id, created: true };
    });
  }
}
