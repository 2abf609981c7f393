import { OpenAiEmbeddingProvider, OpenAiLlmProvider } from '@orchestrator/shared/ai';
import { SupabaseAuthProvider } from '@orchestrator/shared/auth';
import { KafkaEventBus } from '@orchestrator/shared/bus';
import { SystemClock } from '@orchestrator/shared/clock';
import type { Config } from '@orchestrator/shared/config';
import { PgPoolDatabase } from '@orchestrator/shared/db';
import { dependency, TOKENS, type BindingSet, type Container } from '@orchestrator/shared/di';
import { ResendEmailSender } from '@orchestrator/shared/email';
import { RedisRateLimiter } from '@orchestrator/shared/ratelimit';
import { DEFAULT_RECENT_LOG_OPTIONS, RedisRecentLog } from '@orchestrator/shared/recentlog';
import { SocialProviderCatalog } from '@orchestrator/shared/social';
import { KestraHttpApi } from '@orchestrator/devops/server';
import { PROFILE_EMBEDDING_DIMENSIONS } from '@orchestrator/cdp/contracts';
import { bindCommonServices } from './common-bindings.ts';

/** Staging: the real backends. loadConfig has already refused to start without their variables. */
export function stagingBindings(): BindingSet {
  const closeRedis: Array<() => Promise<void>> = [];
  return {
    name: 'staging',
    bind(container: Container, config: Config) {
      const need = <T>(value: T | undefined, name: string): T => {
        if (value === undefined) throw new Error(`${name} is required when APP_MODE=staging`);
        return value;
      };
      bindCommonServices(container, config);
      container.bind(TOKENS.Clock).toConstantValue(new SystemClock());
      container
        .bind(TOKENS.Database)
        .toConstantValue(
          new PgPoolDatabase(need(config.DATABASE_URL, 'DATABASE_URL'), { max: config.DATABASE_POOL_SIZE }),
        );
      container.bind(TOKENS.EventBus).toDynamicValue((ctx) => {
        const logger = dependency(ctx, TOKENS.Logger);
        return new KafkaEventBus({
          brokers: need(config.KAFKA_BROKERS, 'KAFKA_BROKERS'),
          groupPrefix: config.KAFKA_GROUP_PREFIX,
          newGroupsFrom: config.KAFKA_NEW_GROUPS_FROM,
          packRecords: config.KAFKA_PACK_RECORDS,
          logError: (message, error) => logger.error({ err: error }, message),
        });
      });
      container.bind(TOKENS.RateLimiter).toDynamicValue(() => {
        const limiter = new RedisRateLimiter(need(config.REDIS_URL, 'REDIS_URL'));
        closeRedis.push(() => limiter.close());
        return limiter;
      });
      container.bind(TOKENS.RecentLog).toDynamicValue(() => {
        const log = new RedisRecentLog(need(config.REDIS_URL, 'REDIS_URL'), DEFAULT_RECENT_LOG_OPTIONS);
        closeRedis.push(() => log.close());
        return log;
      });
      container.bind(TOKENS.AuthProvider).toConstantValue(
        new SupabaseAuthProvider({
          url: need(config.SUPABASE_URL, 'SUPABASE_URL'),
          anonKey: need(config.SUPABASE_ANON_KEY, 'SUPABASE_ANON_KEY'),
          jwtSecret: config.SUPABASE_JWT_SECRET ?? config.JWT_SECRET,
        }),
      );
      container.bind(TOKENS.EmailSender).toConstantValue(
        new ResendEmailSender({
          baseUrl: config.EMAIL_API_URL,
          apiKey: need(config.EMAIL_API_KEY, 'EMAIL_API_KEY'),
          defaultFrom: config.EMAIL_FROM,
        }),
      );
      const openAi = {
        apiKey: need(config.OPENAI_API_KEY, 'OPENAI_API_KEY'),
        baseUrl: config.OPENAI_BASE_URL,
      };
      container.bind(TOKENS.EmbeddingProvider).toConstantValue(stagingEmbeddingProvider(config));
      container
        .bind(TOKENS.LlmProvider)
        .toConstantValue(new OpenAiLlmProvider({ ...openAi, model: config.OPENAI_CHAT_MODEL }));
      container.bind(TOKENS.KestraApi).toConstantValue(
        new KestraHttpApi({
          url: need(config.KESTRA_URL, 'KESTRA_URL'),
          username: config.KESTRA_USERNAME,
          password: config.KESTRA_PASSWORD,
        }),
      );
      // Social networks are bound by the social module's issue; none is offered until then.
      container.bind(TOKENS.SocialProviders).toConstantValue(new SocialProviderCatalog([]));
    },
    async dispose() {
      for (const close of closeRedis.splice(0)) await close();
    },
  };
}

/**
 * OpenAI embeddings at the dimension of the profile embedding column (384) rather than the model's
 * default (1536): text-embedding-3-* shorten their vectors on request, so local mode (hashing, 384) and
 * staging share one `vector(384)` column and one migration. text-embedding-ada-002 cannot shorten: it
 * keeps its 1536, which the cdp-worker refuses at start (and search on first use) with a clear error.
 */
export function stagingEmbeddingProvider(
  config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_EMBEDDING_MODEL'>,
): OpenAiEmbeddingProvider {
  if (config.OPENAI_API_KEY === undefined)
    throw new Error('OPENAI_API_KEY is required when APP_MODE=staging');
  const fixedSize = config.OPENAI_EMBEDDING_MODEL.startsWith('text-embedding-ada');
  return new OpenAiEmbeddingProvider({
    apiKey: config.OPENAI_API_KEY,
    baseUrl: config.OPENAI_BASE_URL,
    model: config.OPENAI_EMBEDDING_MODEL,
    ...(fixedSize ? {} : { dimensions: PROFILE_EMBEDDING_DIMENSIONS }),
  });
}
