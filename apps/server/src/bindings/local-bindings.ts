import { join } from 'node:path';
import { HashingEmbeddingProvider, OpenAiLlmProvider } from '@orchestrator/shared/ai';
import { LocalAuthProvider } from '@orchestrator/shared/auth';
import { PgLogEventBus } from '@orchestrator/shared/bus';
import { SystemClock } from '@orchestrator/shared/clock';
import type { Config } from '@orchestrator/shared/config';
import { PgPoolDatabase, PgliteDatabase } from '@orchestrator/shared/db';
import {
  asyncDependency,
  dependency,
  TOKENS,
  type BindingSet,
  type Container,
} from '@orchestrator/shared/di';
import { ResendEmailSender } from '@orchestrator/shared/email';
import { InMemoryRateLimiter } from '@orchestrator/shared/ratelimit';
import { DEFAULT_RECENT_LOG_OPTIONS, InMemoryRecentLog } from '@orchestrator/shared/recentlog';
import { SocialProviderCatalog } from '@orchestrator/shared/social';
import { KestraHttpApi } from '@orchestrator/devops/server';
import { bindCommonServices } from './common-bindings.ts';
import { acquireLocalMocks, LOCAL_KESTRA_URL, type LocalMocks } from './local-mocks.ts';

/**
 * Local mode: everything embedded in this one process. PGlite (real Postgres in WASM, with pgvector)
 * persisted under DATA_DIR, the event log in that same database, in-memory rate limits, and MSW
 * answering every third-party API — e-mails it receives are kept in the mailbox.
 * (With DATABASE_URL set, local mode uses that PostgreSQL server instead of PGlite.)
 */
export function localBindings(): BindingSet {
  let mocks: LocalMocks | undefined;
  return {
    name: 'local',
    bind(container: Container, config: Config) {
      mocks = acquireLocalMocks(config);
      bindCommonServices(container, config);
      container.bind(TOKENS.Mailbox).toConstantValue(mocks.mailbox);
      container.bind(TOKENS.Clock).toConstantValue(new SystemClock());
      container.bind(TOKENS.Database).toDynamicValue((ctx) => {
        if (config.DATABASE_URL) {
          return new PgPoolDatabase(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
        }
        const logger = dependency(ctx, TOKENS.Logger);
        return PgliteDatabase.open(
          config.DATA_DIR === 'memory' ? undefined : join(config.DATA_DIR, 'pglite'),
          {
            autovacuum: { logError: (message, error) => logger.error({ err: error }, message) },
          },
        );
      });
      container
        .bind(TOKENS.EventBus)
        .toDynamicValue(async (ctx) => new PgLogEventBus(await asyncDependency(ctx, TOKENS.Database)));
      container
        .bind(TOKENS.RateLimiter)
        .toDynamicValue((ctx) => new InMemoryRateLimiter(dependency(ctx, TOKENS.Clock)));
      container
        .bind(TOKENS.RecentLog)
        .toDynamicValue(
          (ctx) => new InMemoryRecentLog(dependency(ctx, TOKENS.Clock), DEFAULT_RECENT_LOG_OPTIONS),
        );
      container
        .bind(TOKENS.AuthProvider)
        .toDynamicValue(
          async (ctx) =>
            new LocalAuthProvider(await asyncDependency(ctx, TOKENS.Database), config.JWT_SECRET),
        );
      container.bind(TOKENS.EmailSender).toConstantValue(
        new ResendEmailSender({
          baseUrl: config.EMAIL_API_URL,
          apiKey: config.EMAIL_API_KEY ?? 're_local_mock',
          defaultFrom: config.EMAIL_FROM,
        }),
      );
      container.bind(TOKENS.EmbeddingProvider).toConstantValue(new HashingEmbeddingProvider());
      container.bind(TOKENS.LlmProvider).toConstantValue(
        new OpenAiLlmProvider({
          apiKey: config.OPENAI_API_KEY ?? 'sk-local-mock',
          baseUrl: config.OPENAI_BASE_URL,
          model: config.OPENAI_CHAT_MODEL,
        }),
      );
      container.bind(TOKENS.KestraApi).toConstantValue(
        new KestraHttpApi({
          url: config.KESTRA_URL ?? LOCAL_KESTRA_URL,
          username: config.KESTRA_USERNAME,
          password: config.KESTRA_PASSWORD,
        }),
      );
      container.bind(TOKENS.SocialProviders).toConstantValue(new SocialProviderCatalog([]));
    },
    async dispose() {
      mocks?.release();
      mocks = undefined;
    },
  };
}
