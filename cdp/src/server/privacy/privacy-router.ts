import { z } from 'zod';
import type { Outbox } from '@orchestrator/shared/bus';
import { ApiRouter, principalOf, type ApiKernel } from '@orchestrator/shared/http';
import type { Clock, Database } from '@orchestrator/shared/ports';
import type { Request } from 'express';
import {
  ProfileConsentsSchema,
  SuppressionStatsSchema,
  UpdateConsentRequestSchema,
} from '../../contracts/index.ts';
import type { PrivacyActor } from './privacy-actor.ts';
import { ProfileConsentService } from './profile-consents.ts';
import type { SourceDebugFeed } from '../ingest/source-debug-feed.ts';
import { ProfileEraser } from './profile-eraser.ts';
import { ProfileExporter } from './profile-exporter.ts';
import { SuppressionRepository } from './suppression-repository.ts';

const IdParams = z.object({ id: z.uuid() });

export interface PrivacyRouterDependencies {
  database: Database;
  clock: Clock;
  /** Carries `Profile Deleted` of each erasure. */
  outbox: Outbox;
  /** The sources' debuggers, emptied where an erased person's events came from. */
  debugFeed?: SourceDebugFeed;
}

function actorOf(req: Request): PrivacyActor {
  const principal = principalOf(req);
  return { userId: principal.userId, apiKeyId: principal.apiKeyId, requestId: req.id };
}

/**
 * Privacy (issue 3, item 10): consent per purpose, GDPR export and erasure of a profile, and what
 * erasure left behind. A merged-away id stands for its survivor, as everywhere in the profiles API.
 */
export function privacyRouter(
  kernel: ApiKernel,
  { database, clock, outbox, debugFeed }: PrivacyRouterDependencies,
): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1/cdp', 'CDP');
  const consents = new ProfileConsentService();
  const exporter = new ProfileExporter(database, clock);
  const eraser = new ProfileEraser(database, outbox, clock, debugFeed);
  const suppressions = new SuppressionRepository();

  api.get(
    '/profiles/:id/consent',
    {
      summary: "A profile's consent per purpose (latest statement by event time wins)",
      params: IdParams,
      response: ProfileConsentsSchema,
    },
    async ({ params, req }) =>
      database.tenantTx(principalOf(req).tenantId, (tx) => consents.read(tx, params.id)),
  );

  api.put(
    '/profiles/:id/consent',
    {
      summary: 'Record consent per purpose for a profile (source "api"); purposes not named stay as they are',
      roles: ['admin'],
      params: IdParams,
      body: UpdateConsentRequestSchema,
      response: ProfileConsentsSchema,
    },
    async ({ params, body, req }) => {
      const { tenantId } = principalOf(req);
      return database.tenantTx(tenantId, (tx) =>
        consents.update(tx, tenantId, params.id, body, clock.now(), actorOf(req)),
      );
    },
  );

  api.get(
    '/profiles/:id/export',
    {
      summary:
        'GDPR export: a JSON download of everything about the profile and every profile merged into it (streamed)',
      roles: ['admin'],
      params: IdParams,
    },
    async ({ params, req, res }) => {
      await exporter.export(principalOf(req).tenantId, params.id, actorOf(req), req, res);
    },
  );

  api.delete(
    '/profiles/:id',
    {
      summary:
        'GDPR erasure: delete the profile, every profile merged into it and all their data; their identifiers are suppressed',
      roles: ['admin'],
      status: 204,
      params: IdParams,
    },
    async ({ params, req }) => {
      await eraser.erase(principalOf(req).tenantId, params.id, actorOf(req));
    },
  );

  api.get(
    '/privacy/suppressions',
    {
      summary: 'How many identifiers erasure suppressed, and how many messages carrying them were dropped',
      roles: ['admin'],
      response: SuppressionStatsSchema,
    },
    async ({ req }) => database.tenantTx(principalOf(req).tenantId, (tx) => suppressions.stats(tx)),
  );

  return api;
}
