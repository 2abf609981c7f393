import { z } from 'zod';

const csv = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port items separated by commas')).min(1));

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be 1/0, true/false or yes/no' })
  .transform((value) => ['1', 'true', 'yes'].includes(value));

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// connection URL');

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s):// URL');

/** Variables that have no safe default outside local mode. */
const requiredInStaging = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'REDIS_URL',
  'SUPABASE_URL',
  'SUPABASE_ANON_KEY',
  'SUPABASE_JWT_SECRET',
  'OPENAI_API_KEY',
  'KESTRA_URL',
  'EMAIL_API_KEY',
  'PUBLIC_URL',
] as const;

/**
 * The one schema of the process environment. Local mode needs nothing set; staging mode refuses to
 * start without its real backends.
 */
export const EnvSchema = z
  .object({
    APP_MODE: z.enum(['local', 'staging'], { error: 'must be "local" or "staging"' }).default('local'),
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be 0-65535')
      .max(65535, 'must be 0-65535')
      .default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    /** Where local mode keeps its embedded database; `memory` keeps nothing. */
    DATA_DIR: z.string().min(1).default('.data'),
    PUBLIC_URL: httpUrl.optional(),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    KAFKA_BROKERS: csv.optional(),
    /**
     * Put before every Kafka consumer group id (`${prefix}${group}.${topic}`), so that several suites on
     * one cluster (two staging environments, test runs at once) each get every message instead of
     * sharing them out. Empty (default): the plain ids.
     */
    KAFKA_GROUP_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/, 'must hold only letters, digits, ".", "_" and "-"')
      .max(100, 'must be at most 100 characters')
      .default(''),
    /**
     * Where a Kafka consumer group with no committed offset starts: `beginning` (default) reads the
     * topic's history; `end` only what is published after it subscribed (short-lived groups, such as
     * tests with their own KAFKA_GROUP_PREFIX on a broker holding other runs' history).
     */
    KAFKA_NEW_GROUPS_FROM: z
      .enum(['beginning', 'end'], { error: 'must be "beginning" or "end"' })
      .default('beginning'),
    /**
     * Whether the Kafka bus packs a publish call's messages for one partition into one record (`true`,
     * default: kafkajs and the broker spend per record). `false`: a record per message, for readers of
     * the topics outside the suite; the suite's consumers read both.
     */
    KAFKA_PACK_RECORDS: z
      .enum(['true', 'false'], { error: 'must be "true" or "false"' })
      .default('true')
      .transform((value) => value === 'true'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// URL')
      .optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SUPABASE_URL: httpUrl.optional(),
    SUPABASE_ANON_KEY: z.string().min(1).optional(),
    SUPABASE_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: httpUrl.optional(),
    OPENAI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
    OPENAI_CHAT_MODEL: z.string().min(1).default('gpt-4o-mini'),
    KESTRA_URL: httpUrl.optional(),
    KESTRA_USERNAME: z.string().optional(),
    KESTRA_PASSWORD: z.string().optional(),
    EMAIL_API_URL: httpUrl.default('https://api.resend.com'),
    EMAIL_API_KEY: z.string().min(1).optional(),
    EMAIL_FROM: z.string().min(3).default('Orchestrator <no-reply@orchestrator.local>'),
    SEED_DEMO: flag.optional(),
    /** Whether outgoing webhooks may target loopback and private networks (an SSRF guard when off). */
    WEBHOOKS_ALLOW_PRIVATE_NETWORKS: flag.optional(),
    /**
     * Retention of the Postgres event log (local mode's event bus), in hours; Kafka keeps its own. The
     * relay role deletes an event once it is older than this and every consumer group seen within this
     * period has handled it; a group away for longer no longer holds its backlog. Default: 7 days.
     */
    EVENT_LOG_RETENTION_HOURS: z.coerce
      .number({ error: 'must be a number of hours' })
      .int('must be a whole number of hours')
      .min(1, 'must be at least 1 hour')
      .default(168),
    /**
     * How long after a customer profile starts changing its search document (and, in staging, its
     * embedding) is refreshed: the changes of that moment — a visitor's page views, a ticket thread —
     * cost one refresh. Search finds a change at most about this much later. Default 3 s.
     */
    CDP_SEARCH_REFRESH_DELAY_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(0, 'must be 0 or more')
      .max(600_000, 'must be at most 600000 (10 minutes)')
      .default(3000),
    /** Token-bucket limits per tenant on the API. */
    RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_PER_SECOND: z.coerce.number().min(0.1).default(100),
  })
  .superRefine((env, ctx) => {
    if (env.APP_MODE !== 'staging') return;
    for (const name of requiredInStaging) {
      if (env[name] === undefined) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'is required when APP_MODE=staging' });
      }
    }
    if (env.JWT_SECRET === undefined && env.SUPABASE_JWT_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['SUPABASE_JWT_SECRET'],
        message: 'is required when APP_MODE=staging',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;
