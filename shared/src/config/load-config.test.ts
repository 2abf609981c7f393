import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.ts';

describe('loadConfig', () => {
  it('starts local mode with nothing set', () => {
    const config = loadConfig({});
    expect(config.APP_MODE).toBe('local');
    expect(config.PORT).toBe(3000);
    expect(config.SEED_DEMO).toBe(true);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.EVENT_LOG_RETENTION_HOURS).toBe(168);
  });

  it('reads the Kafka group prefix, empty unless set', () => {
    expect(loadConfig({}).KAFKA_GROUP_PREFIX).toBe('');
    expect(loadConfig({}).KAFKA_NEW_GROUPS_FROM).toBe('beginning');
    expect(loadConfig({ KAFKA_NEW_GROUPS_FROM: 'end' }).KAFKA_NEW_GROUPS_FROM).toBe('end');
    expect(loadConfig({ KAFKA_GROUP_PREFIX: 'staging-eu.' }).KAFKA_GROUP_PREFIX).toBe('staging-eu.');
    expect(() => loadConfig({ KAFKA_GROUP_PREFIX: 'two words' })).toThrowError(
      /^Invalid environment: KAFKA_GROUP_PREFIX must hold only letters, digits/,
    );
  });

  it('packs Kafka records unless told not to', () => {
    expect(loadConfig({}).KAFKA_PACK_RECORDS).toBe(true);
    expect(loadConfig({ KAFKA_PACK_RECORDS: 'false' }).KAFKA_PACK_RECORDS).toBe(false);
    expect(() => loadConfig({ KAFKA_PACK_RECORDS: 'no' })).toThrowError(
      /^Invalid environment: KAFKA_PACK_RECORDS must be "true" or "false"/,
    );
  });

  it('reads the event log retention in whole hours', () => {
    expect(loadConfig({ EVENT_LOG_RETENTION_HOURS: '24' }).EVENT_LOG_RETENTION_HOURS).toBe(24);
    expect(() => loadConfig({ EVENT_LOG_RETENTION_HOURS: '0' })).toThrowError(
      /^Invalid environment: EVENT_LOG_RETENTION_HOURS must be at least 1 hour \(got "0"\)$/,
    );
  });

  it('names the variable and what it must be in one line', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(
      new ConfigError('Invalid environment: PORT must be a port number (got "eighty")'),
    );
    expect(() => loadConfig({ APP_MODE: 'prod' })).toThrowError(
      /^Invalid environment: APP_MODE must be "local" or "staging" \(got "prod"\)$/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrowError(
      /DATABASE_URL must be a postgres:\/\/ connection URL/,
    );
    expect(() => loadConfig({ KAFKA_BROKERS: 'localhost' })).toThrowError(
      /KAFKA_BROKERS must be host:port items/,
    );
  });

  it('refuses staging without its real backends', () => {
    expect(() => loadConfig({ APP_MODE: 'staging' })).toThrowError(
      /^Invalid environment: DATABASE_URL is required when APP_MODE=staging \(got unset\)$/,
    );
  });

  it('accepts a complete staging environment', () => {
    const config = loadConfig({
      APP_MODE: 'staging',
      DATABASE_URL: 'postgres://app@db:5432/app',
      KAFKA_BROKERS: 'kafka:9092, kafka2:9092',
      REDIS_URL: 'redis://redis:6379',
      SUPABASE_URL: 'https://project.supabase.co',
      SUPABASE_ANON_KEY: 'anon',
      SUPABASE_JWT_SECRET: 'x'.repeat(40),
      OPENAI_API_KEY: 'sk-test',
      KESTRA_URL: 'http://kestra:8080',
      EMAIL_API_KEY: 're_test',
      PUBLIC_URL: 'https://suite.example.com',
    });
    expect(config.KAFKA_BROKERS).toEqual(['kafka:9092', 'kafka2:9092']);
    expect(config.SEED_DEMO).toBe(false);
    expect(config.JWT_SECRET).toBe('x'.repeat(40));
  });
});
