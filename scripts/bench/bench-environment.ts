/**
 * Where a mode runs: the suite's environment variables, a database of its own on the server (dropped
 * afterwards), the mock HTTP APIs, and the housekeeping a shared Kafka broker needs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { SUPABASE_MOCK_DEFAULT_JWT_SECRET } from '@orchestrator/mocks';
import { CDP_EVENTS_TOPIC } from '@orchestrator/cdp/client';
import { createBenchDatabase } from './bench-database.ts';
import { startMockHttpServer } from './mock-http-server.ts';
import { type Mode, PROFILES_GROUP, args } from './bench-options.ts';

export interface Environment {
  env: Record<string, string>;
  kafka?: KafkaHousekeeping;
  dispose(): Promise<void>;
}

export const BASE_ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  SEED_DEMO: '0',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // Settings worth comparing between runs, taken from the shell when set there.
  ...(process.env.CDP_SEARCH_REFRESH_DELAY_MS && {
    CDP_SEARCH_REFRESH_DELAY_MS: process.env.CDP_SEARCH_REFRESH_DELAY_MS,
  }),
};

export async function environment(mode: Mode): Promise<Environment> {
  if (mode === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'cdp-bench-'));
    return {
      env: { ...BASE_ENV, DATA_DIR: dataDir },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error(`--mode ${mode} needs DATABASE_URL`);
  const database = await createBenchDatabase(serverUrl, 'cdp_bench');
  const disposals: Array<() => Promise<void>> = [
    async () => {
      if (args['keep-database']) console.log(`  kept the database ${database.url}`);
      else await database.drop();
    },
  ];
  const dispose = async () => {
    for (const step of disposals.reverse()) await step().catch((error) => console.error(error));
  };
  if (mode === 'postgres') {
    return { env: { ...BASE_ENV, DATA_DIR: 'memory', DATABASE_URL: database.url }, dispose };
  }
  const brokers = process.env.KAFKA_BROKERS;
  const redisUrl = process.env.REDIS_URL;
  if (!brokers || !redisUrl) throw new Error('--mode kafka needs KAFKA_BROKERS and REDIS_URL too');
  const mocks = await startMockHttpServer();
  disposals.push(() => mocks.close());
  const kafka = new KafkaHousekeeping(brokers.split(','));
  disposals.push(() => kafka.close());
  return {
    env: {
      ...BASE_ENV,
      APP_MODE: 'staging',
      PUBLIC_URL: 'http://localhost:3000',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers,
      REDIS_URL: redisUrl,
      ...mocks.env,
      SUPABASE_ANON_KEY: 'anon-key',
      SUPABASE_JWT_SECRET: SUPABASE_MOCK_DEFAULT_JWT_SECRET,
      OPENAI_API_KEY: 'sk-test',
      EMAIL_API_KEY: 're_test',
    },
    kafka,
    dispose,
  };
}

/**
 * The broker is shared with test runs, and the suite's topic and group names are fixed. So: refuse to
 * run while another process consumes as `cdp-profiles` (it would take partitions and fail on this run's
 * tenants), skip what earlier runs left in `cdp.events`, start the observer at the end of
 * `cdp.profile-events`, and afterwards delete the records this run produced (so test recorders that
 * read the topics from the beginning do not have to wade through them).
 */
export class KafkaHousekeeping {
  private readonly kafka: Kafka;
  private readonly admin;
  private connected: Promise<void> | undefined;

  constructor(brokers: string[]) {
    this.kafka = new Kafka({ clientId: 'cdp-bench', brokers, logLevel: logLevel.NOTHING });
    this.admin = this.kafka.admin();
  }

  private async ready() {
    this.connected ??= this.admin.connect();
    await this.connected;
    return this.admin;
  }

  private async topicExists(topic: string): Promise<boolean> {
    return (await (await this.ready()).listTopics()).includes(topic);
  }

  /** Fails when the profile builder's group has live members elsewhere; moves it to the end of the topic. */
  async prepareProfilesGroup(): Promise<void> {
    const admin = await this.ready();
    const groupId = `${PROFILES_GROUP}.${CDP_EVENTS_TOPIC}`;
    const { groups } = await admin.describeGroups([groupId]);
    const members = groups[0]?.members.length ?? 0;
    if (members > 0) {
      throw new Error(
        `Kafka group ${groupId} has ${members} active member(s) (a test run?); they would take this run's partitions. Try again when it is idle.`,
      );
    }
    await this.startAtEnd(PROFILES_GROUP, CDP_EVENTS_TOPIC);
  }

  /** Commits the current end of `topic` as where the group goes on (kafkajs' resetOffsets commits -1). */
  async startAtEnd(group: string, topic: string): Promise<void> {
    const admin = await this.ready();
    if (!(await this.topicExists(topic))) return;
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId: `${group}.${topic}`,
      topic,
      partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
    });
  }

  /**
   * Watches the profile builder's group while the run lasts: more members than this process runs means
   * another process (a test run) joined and took partitions — its figures would be wrong.
   */
  watchGroup(expectedMembers: number): { stop(): void; foreignMembers(): number } {
    let most = 0;
    let stopped = false;
    const groupId = `${PROFILES_GROUP}.${CDP_EVENTS_TOPIC}`;
    void (async () => {
      while (!stopped) {
        const admin = await this.ready();
        const { groups } = await admin.describeGroups([groupId]).catch(() => ({ groups: [] }));
        most = Math.max(most, (groups[0]?.members.length ?? 0) - expectedMembers);
        await new Promise((resolvePromise) => setTimeout(resolvePromise, 2000));
      }
    })();
    return { stop: () => void (stopped = true), foreignMembers: () => Math.max(0, most) };
  }

  async deleteGroup(group: string, topic: string): Promise<void> {
    await (await this.ready()).deleteGroups([`${group}.${topic}`]).catch(() => undefined);
  }

  /** Deletes every record up to the current end of the topics. */
  async truncate(topics: string[]): Promise<void> {
    const admin = await this.ready();
    for (const topic of topics) {
      if (!(await this.topicExists(topic))) continue;
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.deleteTopicRecords({
        topic,
        partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }
}
