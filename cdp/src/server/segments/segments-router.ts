import { z } from 'zod';
import { recordAudit } from '@orchestrator/shared/audit';
import type { Outbox } from '@orchestrator/shared/bus';
import type { Role } from '@orchestrator/shared/contracts';
import { ConflictError, NotFoundError } from '@orchestrator/shared/errors';
import { ApiRouter, principalOf, type ApiKernel, type Principal } from '@orchestrator/shared/http';
import { PageQuerySchema, decodeCursor, pageOf, toPage } from '@orchestrator/shared/pagination';
import type { Clock, Database, Tx } from '@orchestrator/shared/ports';
import {
  SEGMENT_PREVIEW_SAMPLE_SIZE,
  SegmentEvaluationSchema,
  SegmentInputSchema,
  SegmentListResponseSchema,
  SegmentMemberSchema,
  SegmentMembershipListSchema,
  SegmentPreviewRequestSchema,
  SegmentPreviewSchema,
  SegmentSchema,
  SegmentVocabularySchema,
} from '../../contracts/index.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { ProfileRepository } from '../profiles/profile-repository.ts';
import { MembershipRepository } from './membership-repository.ts';
import { loadProfiles } from './profile-rows.ts';
import { SegmentEvaluator } from './segment-evaluator.ts';
import { lockSegmentsExclusive } from './segment-locks.ts';
import { SegmentMemberships } from './segment-memberships.ts';
import { SegmentRepository } from './segment-repository.ts';
import { segmentVocabulary } from './segment-vocabulary.ts';

/** Segments per workspace: each is evaluated for every changed profile. */
export const MAX_SEGMENTS_PER_WORKSPACE = 500;
/** Changing segments (and evaluating them now) is for admins and members; viewers read. */
const WRITERS: Role[] = ['admin', 'member'];
/** Stays listed per profile (current ones first). */
const MEMBERSHIPS_PER_PROFILE = 200;

const IdParams = z.object({ id: z.uuid() });
const MemberPosition = z.object({ at: z.string().max(64), id: z.uuid() });

export interface SegmentsRouterDependencies {
  database: Database;
  outbox: Outbox;
  clock: Clock;
}

/**
 * Segments (issue 3, item 8): CRUD, the live count of a rule, evaluating now, members, and a profile's
 * memberships. Creating a segment or changing its rule evaluates it for every profile in the same
 * transaction, so a stored segment always has its memberships.
 */
export function segmentsRouter(
  kernel: ApiKernel,
  { database, outbox, clock }: SegmentsRouterDependencies,
): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1/cdp', 'CDP segments');
  const segments = new SegmentRepository();
  const memberships = new MembershipRepository();
  const evaluator = new SegmentEvaluator();
  const service = new SegmentMemberships(database, outbox, clock);
  const profiles = new ProfileRepository();

  const found = async (tx: Tx, id: string) => {
    const segment = await segments.get(tx, id);
    if (!segment) throw new NotFoundError('No such segment');
    return segment;
  };

  api.get(
    '/segments',
    { summary: 'The workspace’s segments, by name', response: SegmentListResponseSchema },
    async ({ req }) => ({
      items: await database.tenantTx(principalOf(req).tenantId, (tx) => segments.list(tx)),
    }),
  );

  api.get(
    '/segments/vocabulary',
    {
      summary: 'Trait keys and event names in use, for suggestions in the rule editor',
      response: SegmentVocabularySchema,
    },
    async ({ req }) => database.tenantTx(principalOf(req).tenantId, (tx) => segmentVocabulary(tx)),
  );

  api.post(
    '/segments/preview',
    {
      summary: 'The live count of a rule: how many profiles match it now, and a few of them',
      status: 200,
      body: SegmentPreviewRequestSchema,
      response: SegmentPreviewSchema,
    },
    async ({ body, req }) =>
      database.tenantTx(principalOf(req).tenantId, async (tx) => {
        const { count, sampleIds } = await evaluator.preview(
          tx,
          body.rule,
          clock.now(),
          SEGMENT_PREVIEW_SAMPLE_SIZE,
        );
        return { count, sample: await loadProfiles(tx, sampleIds) };
      }),
  );

  api.post(
    '/segments',
    {
      summary: 'Create a segment; its members are computed at once',
      roles: WRITERS,
      body: SegmentInputSchema,
      response: SegmentSchema,
    },
    async ({ body, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        await lockSegmentsExclusive(tx, principal.tenantId);
        if ((await segments.count(tx)) >= MAX_SEGMENTS_PER_WORKSPACE) {
          throw new ConflictError(`A workspace can have at most ${MAX_SEGMENTS_PER_WORKSPACE} segments`);
        }
        const id = await segments.insert(tx, principal.tenantId, body);
        const evaluation = await service.evaluateInTransaction(tx, principal.tenantId, { id, ...body });
        await audit(tx, principal, req.id, 'cdp.segment.created', id, {
          name: body.name,
          entered: evaluation.entered.length,
        });
        return found(tx, id);
      });
    },
  );

  api.get(
    '/segments/:id',
    { summary: 'One segment', params: IdParams, response: SegmentSchema },
    async ({ params, req }) => database.tenantTx(principalOf(req).tenantId, (tx) => found(tx, params.id)),
  );

  api.put(
    '/segments/:id',
    {
      summary: 'Replace a segment’s name, description and rule; a changed rule is evaluated at once',
      roles: WRITERS,
      params: IdParams,
      body: SegmentInputSchema,
      response: SegmentSchema,
    },
    async ({ params, body, req }) => {
      const principal = principalOf(req);
      return database.tenantTx(principal.tenantId, async (tx) => {
        await lockSegmentsExclusive(tx, principal.tenantId);
        const before = await found(tx, params.id);
        await segments.update(tx, params.id, body);
        const ruleChanged = canonicalJson(before.rule) !== canonicalJson(body.rule);
        if (ruleChanged)
          await service.evaluateInTransaction(tx, principal.tenantId, { id: params.id, ...body });
        await audit(tx, principal, req.id, 'cdp.segment.updated', params.id, {
          name: body.name,
          ruleChanged,
        });
        return found(tx, params.id);
      });
    },
  );

  api.delete(
    '/segments/:id',
    {
      summary: 'Delete a segment with its membership history (no Segment Exited events)',
      roles: WRITERS,
      status: 204,
      params: IdParams,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      await database.tenantTx(principal.tenantId, async (tx) => {
        await lockSegmentsExclusive(tx, principal.tenantId);
        const segment = await found(tx, params.id);
        await segments.delete(tx, params.id);
        await audit(tx, principal, req.id, 'cdp.segment.deleted', params.id, { name: segment.name });
      });
    },
  );

  api.post(
    '/segments/:id/evaluate',
    {
      summary: 'Evaluate a segment for every profile now (emits Segment Entered / Exited for the changes)',
      roles: WRITERS,
      status: 200,
      params: IdParams,
      response: SegmentEvaluationSchema,
    },
    async ({ params, req }) => {
      const { tenantId } = principalOf(req);
      const evaluation = await service.evaluateSegment(tenantId, params.id);
      if (!evaluation) throw new NotFoundError('No such segment');
      const segment = await database.tenantTx(tenantId, (tx) => found(tx, params.id));
      return {
        entered: evaluation.entered.length,
        exited: evaluation.exited.length,
        memberCount: segment.memberCount,
        evaluatedAt: evaluation.evaluatedAt.toISOString(),
      };
    },
  );

  api.get(
    '/segments/:id/members',
    {
      summary: 'The profiles in a segment now, most recent entries first',
      params: IdParams,
      query: PageQuerySchema,
      response: pageOf(SegmentMemberSchema),
    },
    async ({ params, query, req }) => {
      const after = decodeCursor(query.cursor, MemberPosition);
      return database.tenantTx(principalOf(req).tenantId, async (tx) => {
        await found(tx, params.id);
        const rows = await memberships.members(tx, params.id, after, query.limit + 1);
        const profilesById = new Map(
          (
            await loadProfiles(
              tx,
              rows.slice(0, query.limit).map((row) => row.profileId),
            )
          ).map((profile) => [profile.id, profile]),
        );
        const page = toPage(
          rows,
          query.limit,
          (row) => ({ row, profile: profilesById.get(row.profileId) }),
          (row) => ({ at: row.sortKey, id: row.profileId }),
        );
        return {
          items: page.items.flatMap(({ row, profile }) =>
            profile ? [{ profile, enteredAt: row.enteredAt }] : [],
          ),
          nextCursor: page.nextCursor,
        };
      });
    },
  );

  api.get(
    '/profiles/:id/segments',
    {
      summary:
        'The segments a profile is in and was in (current stays first); a merged-away id answers for its survivor',
      params: IdParams,
      response: SegmentMembershipListSchema,
    },
    async ({ params, req }) =>
      database.tenantTx(principalOf(req).tenantId, async (tx) => {
        const liveId = await profiles.resolveLiveId(tx, params.id);
        if (!liveId) throw new NotFoundError('No such profile');
        return { items: await memberships.ofProfile(tx, liveId, MEMBERSHIPS_PER_PROFILE) };
      }),
  );

  return api;
}

function audit(
  tx: Tx,
  principal: Principal,
  requestId: string,
  action: string,
  segmentId: string,
  details: Record<string, unknown>,
) {
  return recordAudit(tx, {
    tenantId: principal.tenantId,
    actorUserId: principal.userId,
    actorApiKeyId: principal.apiKeyId,
    action,
    targetType: 'cdp_segment',
    targetId: segmentId,
    details,
    requestId,
  });
}
