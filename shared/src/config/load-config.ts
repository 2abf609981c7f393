import { EnvSchema, type Env } from './env-schema.ts';

/** Thrown with a single line that names the variable and what it must be. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Local mode's fixed development secret: tokens it signs are worthless anywhere else. */
const LOCAL_JWT_SECRET = 'orchestrator-local-development-secret-not-for-production';

export interface Config extends Env {
  JWT_SECRET: string;
  PUBLIC_URL: string;
  SEED_DEMO: boolean;
  WEBHOOKS_ALLOW_PRIVATE_NETWORKS: boolean;
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, the way shells and compose files write "VAR=".
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const shown = cleaned[name] === undefined ? 'unset' : `"${cleaned[name]}"`;
    throw new ConfigError(`Invalid environment: ${name} ${issue.message} (got ${shown})`);
  }
  const env = parsed.data;
  const local = env.APP_MODE === 'local';
  return {
    ...env,
    JWT_SECRET: env.JWT_SECRET ?? env.SUPABASE_JWT_SECRET ?? LOCAL_JWT_SECRET,
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    SEED_DEMO: env.SEED_DEMO ?? local,
    // Local mode's receivers (and the tests') listen on 127.0.0.1; deployments refuse private targets.
    WEBHOOKS_ALLOW_PRIVATE_NETWORKS: env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS ?? local,
  };
}
