import { resolve, TOKENS } from '@orchestrator/shared/di';
import type { ServerModuleFactory } from '@orchestrator/shared/modules';
import { segmentIngestRouter } from './ingest/segment-ingest-router.ts';
import { SourceDebugFeed } from './ingest/source-debug-feed.ts';
import { WriteKeyDirectory } from './ingest/write-key-directory.ts';
import { privacyRouter } from './privacy/privacy-router.ts';
import { profileSettingsRouter, profileWorker, profilesRouter } from './profiles/index.ts';
import { profileEmbeddingWorker, profileSearchRouter } from './search/index.ts';
import { segmentsRouter, segmentsWorker } from './segments/index.ts';
import { SourcesRepository } from './sources/sources-repository.ts';
import { sourcesRouter } from './sources/sources-router.ts';

/**
 * The CDP's server side: sources and the Segment-compatible ingest (api role), the profile builder
 * (cdp-worker role), and the profiles, merges and segments APIs.
 */
export const createCdpModule: ServerModuleFactory = async ({ container, kernel }) => {
  const database = await resolve(container, TOKENS.Database);
  const bus = await resolve(container, TOKENS.EventBus);
  const clock = await resolve(container, TOKENS.Clock);
  const outbox = await resolve(container, TOKENS.Outbox);
  const logger = await resolve(container, TOKENS.Logger);
  const embeddings = await resolve(container, TOKENS.EmbeddingProvider);
  const config = await resolve(container, TOKENS.Config);
  // One directory for both routers, so a key rotated or disabled here stops working here at once.
  const writeKeys = new WriteKeyDirectory(database, new SourcesRepository());
  const debugFeed = new SourceDebugFeed(await resolve(container, TOKENS.RecentLog), logger);
  return {
    name: 'cdp',
    apiRouters: [
      sourcesRouter(kernel, database, { onWriteKeyChanged: (key) => writeKeys.forget(key), debugFeed }),
      profilesRouter(kernel, { database, outbox }),
      profileSettingsRouter(kernel, database),
      segmentsRouter(kernel, { database, outbox, clock }),
      privacyRouter(kernel, { database, clock, outbox, debugFeed }),
      profileSearchRouter(kernel, { database, embeddings, logger }),
    ],
    publicRouters: [{ path: '/v1', router: segmentIngestRouter({ writeKeys, bus, clock, debugFeed }) }],
    workers: [
      profileWorker({ database, bus, outbox, logger }),
      segmentsWorker({ database, bus, outbox, clock, logger }),
      profileEmbeddingWorker({
        database,
        bus,
        embeddings,
        logger,
        runner: { refreshDelayMs: config.CDP_SEARCH_REFRESH_DELAY_MS },
      }),
    ],
  };
};
