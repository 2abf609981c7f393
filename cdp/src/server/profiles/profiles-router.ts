import { z } from 'zod';
import type { Outbox } from '@orchestrator/shared/bus';
import { NotFoundError } from '@orchestrator/shared/errors';
import { ApiRouter, principalOf, type ApiKernel } from '@orchestrator/shared/http';
import { PageQuerySchema, decodeCursor, pageOf, toPage } from '@orchestrator/shared/pagination';
import type { Database, Tx } from '@orchestrator/shared/ports';
import {
  MergeSchema,
  ProfileEventSchema,
  ProfileListQuerySchema,
  ProfileSchema,
  type ProfileEvent,
} from '../../contracts/index.ts';
import { EventRepository, type TimelineRow } from './event-repository.ts';
import { MergeRepository } from './merge-repository.ts';
import { MergeUndo } from './merge-undo.ts';
import { ProfileQueries } from './profile-queries.ts';
import { recomputeProfile } from './profile-recomputation.ts';
import { ProfileRepository } from './profile-repository.ts';
import { TraitDefinitionRepository } from './trait-definition-repository.ts';

/** `segment` is a segment id: the list keeps its current members. */
const ProfileListQuery = ProfileListQuerySchema.extend({
  segment: z.uuid({ error: 'must be a segment id' }).optional(),
});
const IdParams = z.object({ id: z.uuid() });
const ListPosition = z.object({ at: z.string().max(64), id: z.uuid() });
const TimelinePosition = z.object({ at: z.string().max(64), id: z.number().int() });

const UndoResponseSchema = z.object({ merge: MergeSchema, survivor: ProfileSchema, restored: ProfileSchema });

export interface ProfilesRouterDependencies {
  database: Database;
  outbox: Outbox;
}

/** The unified profiles: list and search, one profile, its timeline and merges, and undoing a merge. */
export function profilesRouter(
  kernel: ApiKernel,
  { database, outbox }: ProfilesRouterDependencies,
): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1/cdp', 'CDP');
  const queries = new ProfileQueries();
  const profiles = new ProfileRepository();
  const events = new EventRepository();
  const merges = new MergeRepository();
  const traitDefinitions = new TraitDefinitionRepository();
  const undo = new MergeUndo(database, outbox);

  /** The live profile behind an id (a merged-away id leads to its survivor), or 404. */
  const liveIdOf = async (tx: Tx, id: string): Promise<string> => {
    const liveId = await profiles.resolveLiveId(tx, id);
    if (!liveId) throw new NotFoundError('No such profile');
    return liveId;
  };

  api.get(
    '/profiles',
    {
      summary: 'List and search profiles (optionally the members of one segment), most recently seen first',
      query: ProfileListQuery,
      response: pageOf(ProfileSchema),
    },
    async ({ query, req }) => {
      const after = decodeCursor(query.cursor, ListPosition);
      const rows = await database.tenantTx(principalOf(req).tenantId, (tx) =>
        queries.list(tx, { q: query.q, segment: query.segment, after, limit: query.limit + 1 }),
      );
      return toPage(
        rows,
        query.limit,
        ({ sortKey: _sortKey, ...profile }) => profile,
        (row) => ({ at: row.sortKey, id: row.id }),
      );
    },
  );

  api.get(
    '/profiles/:id',
    {
      summary: 'One profile; a merged-away id answers with its survivor',
      params: IdParams,
      response: ProfileSchema,
    },
    async ({ params, req }) =>
      database.tenantTx(principalOf(req).tenantId, async (tx) => {
        const profile = await queries.get(tx, await liveIdOf(tx, params.id));
        if (!profile) throw new NotFoundError('No such profile');
        return profile;
      }),
  );

  api.get(
    '/profiles/:id/events',
    {
      summary: "A profile's timeline (its events and those of every profile merged into it), newest first",
      params: IdParams,
      query: PageQuerySchema,
      response: pageOf(ProfileEventSchema),
    },
    async ({ params, query, req }) => {
      const after = decodeCursor(query.cursor, TimelinePosition);
      const rows = await database.tenantTx(principalOf(req).tenantId, async (tx) => {
        const treeIds = await profiles.treeIds(tx, await liveIdOf(tx, params.id));
        return events.timelinePage(
          tx,
          treeIds,
          after && { timestamp: after.at, id: after.id },
          query.limit + 1,
        );
      });
      return toPage(rows, query.limit, toProfileEvent, (row) => ({ at: row.timestamp_key, id: row.id }));
    },
  );

  api.get(
    '/profiles/:id/merges',
    {
      summary: 'Merges the profile (or a profile merged into it) took part in, newest first',
      params: IdParams,
      response: z.object({ items: z.array(MergeSchema) }),
    },
    async ({ params, req }) =>
      database.tenantTx(principalOf(req).tenantId, async (tx) => {
        if (!(await profiles.resolveLiveId(tx, params.id))) throw new NotFoundError('No such profile');
        return { items: await merges.involving(tx, await profiles.treeIds(tx, params.id)) };
      }),
  );

  api.post(
    '/profiles/:id/recompute',
    {
      summary: 'Rebuild a profile from its events (e.g. after trait definitions changed)',
      roles: ['admin'],
      status: 200,
      params: IdParams,
      response: ProfileSchema,
    },
    async ({ params, req }) =>
      database.tenantTx(principalOf(req).tenantId, async (tx) => {
        const liveId = await liveIdOf(tx, params.id);
        // The row lock keeps the processor (which locks profiles before changing them) out meanwhile.
        await profiles.lock(tx, [liveId]);
        await recomputeProfile(tx, liveId, await traitDefinitions.strategies(tx));
        return (await queries.get(tx, liveId))!;
      }),
  );

  api.post(
    '/merges/:id/undo',
    {
      summary: 'Undo a merge: the absorbed profile comes back with its identities and events',
      roles: ['admin'],
      status: 200,
      params: IdParams,
      response: UndoResponseSchema,
    },
    async ({ params, req }) => {
      const principal = principalOf(req);
      const undone = await undo.undo(principal.tenantId, params.id, {
        userId: principal.userId,
        apiKeyId: principal.apiKeyId,
        requestId: req.id,
      });
      return database.tenantTx(principal.tenantId, async (tx) => ({
        merge: undone.merge,
        survivor: (await queries.get(tx, undone.survivorId))!,
        restored: (await queries.get(tx, undone.absorbedId))!,
      }));
    },
  );

  return api;
}

function toProfileEvent(row: TimelineRow): ProfileEvent {
  return {
    id: String(row.id),
    messageId: row.message_id,
    sourceId: row.source_id,
    type: row.type,
    event: row.event,
    properties: row.properties ?? {},
    traits: row.traits ?? {},
    timestamp: row.timestamp.toISOString(),
    receivedAt: row.received_at.toISOString(),
    unlinked: row.unlinked ?? [],
  };
}
