import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvSchema, loadConfig } from '@orchestrator/shared/config';
import { ALL_ROLES } from '../server-roles.ts';

/**
 * The Phase 1 deployment (docker-compose.yml at the repository root) must start what the code expects:
 * every server role in staging mode with every variable staging requires, on Postgres+pgvector, Kafka in
 * KRaft mode, Redis and Kestra loaded with the repository's DevOps flows. No Docker engine is needed.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const COMPOSE_TEXT = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const FLOWS_DIRECTORY = join(ROOT, 'devops/kestra/flows');

type Environment = Record<string, string | number | boolean | null> | string[];

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Environment;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: (string | number | { target?: number; published?: string | number })[];
  volumes?: (string | { type?: string; source?: string; target?: string; read_only?: boolean })[];
  restart?: string;
}

interface ComposeFile {
  version?: unknown;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// Compose resolves YAML merge keys (`<<: *server`); so must the parser.
const compose = parse(COMPOSE_TEXT, { merge: true }) as ComposeFile;
const services = compose.services;

const INFRASTRUCTURE = ['postgres', 'kafka', 'redis', 'kestra'] as const;

/** Variables the env schema refuses to miss in staging, straight from the schema. */
const requiredInStaging: string[] = (() => {
  const result = EnvSchema.safeParse({ APP_MODE: 'staging' });
  if (result.success) return [];
  return [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
})();

/** A value an operator could put in .env for a variable Compose demands (`${VAR:?…}`) or takes bare. */
function operatorValue(name: string): string {
  return name.endsWith('_URL')
    ? 'https://operator.example.com'
    : 'operator-supplied-value-of-at-least-32-characters';
}

/** Compose interpolation as it resolves with a complete .env: defaults stay defaults, demands get a value. */
function interpolate(value: string): string {
  return value.replace(
    /\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g,
    (match, name: string, operator?: string, argument?: string) => {
      if (match === '$$') return '$';
      if (operator === ':-' || operator === '-') return argument ?? '';
      return operatorValue(name);
    },
  );
}

function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  const entries = Array.isArray(environment)
    ? environment.map((item) => {
        const separator = item.indexOf('=');
        return separator === -1 ? [item, ''] : [item.slice(0, separator), item.slice(separator + 1)];
      })
    : Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(value!)]));
}

function dependencies(service: ComposeService): Record<string, string | undefined> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, options]) => [name, options?.condition]));
}

function asArgs(command: string | string[] | undefined): string[] {
  if (command === undefined) return [];
  return Array.isArray(command) ? command.map(String) : command.split(/\s+/).filter(Boolean);
}

function mounts(service: ComposeService): { source: string; target: string; readOnly: boolean }[] {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume === 'string') {
      const [source = '', target = '', mode = ''] = volume.split(':');
      return { source, target, readOnly: mode.split(',').includes('ro') };
    }
    return { source: volume.source ?? '', target: volume.target ?? '', readOnly: volume.read_only === true };
  });
}

function healthcheckCommand(service: ComposeService): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

/** Every string value of a parsed YAML document (comments are not values). */
function stringsIn(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsIn);
  if (node !== null && typeof node === 'object') return Object.values(node).flatMap(stringsIn);
  return [];
}

describe('docker-compose.yml', () => {
  it('uses the Compose specification without the obsolete version key', () => {
    expect(compose.version).toBeUndefined();
    expect(Object.keys(services).length).toBeGreaterThan(0);
  });

  it('defines every service the code expects', () => {
    for (const name of [...INFRASTRUCTURE, ...ALL_ROLES]) {
      expect(services, `service ${name}`).toHaveProperty(name);
    }
  });

  it('gives every service a healthcheck', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.disable, `${name} healthcheck`).not.toBe(true);
      expect(healthcheckCommand(service), `${name} healthcheck`).not.toBe('');
    }
  });

  it('declares every named volume it mounts', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const [name, service] of Object.entries(services)) {
      for (const { source } of mounts(service)) {
        if (source && !source.startsWith('.') && !source.startsWith('/')) {
          expect(declared, `${name} mounts volume ${source}`).toContain(source);
        }
      }
    }
    for (const name of ['postgres', 'kafka', 'kestra']) {
      const named = mounts(services[name]!).filter(({ source }) => declared.includes(source));
      expect(named.length, `${name} keeps its data on a named volume`).toBeGreaterThan(0);
    }
  });

  describe('server roles', () => {
    it('derives the staging requirements from the env schema', () => {
      expect(requiredInStaging).toEqual(
        expect.arrayContaining(['DATABASE_URL', 'KAFKA_BROKERS', 'SUPABASE_JWT_SECRET']),
      );
    });

    it.each(ALL_ROLES)('%s runs the shared server image with its role as the command', (role) => {
      const service = services[role]!;
      const api = services.api!;
      expect(service.build, `${role} is built from the repository`).toBeDefined();
      expect(service.build).toEqual(api.build);
      expect(service.image).toEqual(api.image);
      expect(asArgs(service.command)).toEqual([role]);
      expect(service.restart).toBe('unless-stopped');
    });

    it.each(ALL_ROLES)('%s starts in staging mode with every variable staging requires', (role) => {
      const environment = environmentOf(services[role]!);
      expect(environment.APP_MODE).toBe('staging');
      for (const name of requiredInStaging) {
        expect(environment[name], `${role} sets ${name}`).toBeTruthy();
      }
      const config = loadConfig(environment);
      expect(config.APP_MODE).toBe('staging');
      expect(config.PORT).toBe(3000);
      expect(config.KAFKA_BROKERS).toEqual(['kafka:9092']);
      expect(new URL(config.DATABASE_URL!).hostname).toBe('postgres');
      expect(new URL(config.REDIS_URL!).hostname).toBe('redis');
      expect(new URL(config.KESTRA_URL!).hostname).toBe('kestra');
    });

    it.each(ALL_ROLES)('%s waits for postgres and kafka to be healthy', (role) => {
      const dependsOn = dependencies(services[role]!);
      expect(dependsOn.postgres).toBe('service_healthy');
      expect(dependsOn.kafka).toBe('service_healthy');
    });

    it.each(ALL_ROLES)('%s reports healthy only when /readyz answers', (role) => {
      expect(healthcheckCommand(services[role]!)).toContain('http://localhost:3000/readyz');
    });

    it('publishes a port for the api role only', () => {
      for (const role of ALL_ROLES) {
        const ports = services[role]!.ports ?? [];
        if (role === 'api') {
          expect(ports.map((port) => (typeof port === 'object' ? `:${port.target}` : String(port)))).toEqual([
            expect.stringMatching(/:3000$/),
          ]);
        } else {
          expect(ports, `${role} ports`).toEqual([]);
        }
      }
    });
  });

  describe('infrastructure', () => {
    it('runs Postgres with pgvector and creates the Kestra database on first boot', () => {
      const postgres = services.postgres!;
      expect(postgres.image).toMatch(/^pgvector\/pgvector:/);
      expect(healthcheckCommand(postgres)).toContain('pg_isready');
      const init = mounts(postgres).find(({ target }) => target.startsWith('/docker-entrypoint-initdb.d/'));
      expect(init, 'init script mount').toBeDefined();
      const script = readFileSync(join(ROOT, init!.source), 'utf8');
      expect(script).toMatch(/CREATE DATABASE kestra/i);
      expect(script).toMatch(/CREATE EXTENSION IF NOT EXISTS vector/i);
    });

    it('runs Kafka in KRaft mode as one combined broker and controller', () => {
      const kafka = services.kafka!;
      const environment = environmentOf(kafka);
      expect(kafka.image).toMatch(/^apache\/kafka:4\./);
      expect(environment.KAFKA_PROCESS_ROLES!.split(',').map((role) => role.trim())).toEqual([
        'broker',
        'controller',
      ]);
      expect(environment.KAFKA_CONTROLLER_QUORUM_VOTERS).toMatch(/^\d+@/);
      expect(environment.KAFKA_ADVERTISED_LISTENERS).toContain('kafka:9092');
      expect(environment.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
      expect(environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('true');
      for (const [name, service] of Object.entries(services)) {
        expect(`${name} ${service.image ?? ''}`).not.toMatch(/zookeeper/i);
        expect(Object.keys(environmentOf(service)).join(' ')).not.toMatch(/ZOOKEEPER/);
      }
    });

    it('runs Kestra on its own Postgres database with the repository flows loaded', () => {
      const kestra = services.kestra!;
      expect(kestra.image).toMatch(/^kestra\/kestra:v?\d+\.\d+/);
      expect(dependencies(kestra).postgres).toBe('service_healthy');
      expect(healthcheckCommand(kestra)).toContain(':8081/health');

      const flows = mounts(kestra).find(
        ({ source }) => source.replace(/\/$/, '') === './devops/kestra/flows',
      );
      expect(flows, 'flows directory mount').toBeDefined();
      expect(flows!.readOnly).toBe(true);
      const args = asArgs(kestra.command);
      expect(args.slice(0, 2)).toEqual(['server', 'standalone']);
      expect(args[args.indexOf('--flow-path') + 1]).toBe(flows!.target);

      const configuration = parse(environmentOf(kestra).KESTRA_CONFIGURATION!) as {
        datasources: { postgres: { url: string; username: string } };
        kestra: {
          repository: { type: string };
          queue: { type: string };
          server: { 'basic-auth': { username: string } };
        };
      };
      expect(configuration.datasources.postgres.url).toBe('jdbc:postgresql://postgres:5432/kestra');
      expect(configuration.kestra.repository.type).toBe('postgres');
      expect(configuration.kestra.queue.type).toBe('postgres');
      expect(configuration.kestra.server['basic-auth'].username).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
    });
  });

  it('documents in .env.example every variable the operator must supply and every server variable', () => {
    const documented = new Set(
      readFileSync(join(ROOT, '.env.example'), 'utf8')
        .split('\n')
        .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
        .filter((name): name is string => name !== undefined),
    );
    const demanded = stringsIn(compose).flatMap((value) =>
      [...value.matchAll(/\$\{(\w+):?\?/g)].map((match) => match[1]!),
    );
    expect(demanded.length).toBeGreaterThan(0);
    for (const name of [...demanded, ...Object.keys(EnvSchema.shape)]) {
      expect(documented, `.env.example documents ${name}`).toContain(name);
    }
  });
});

describe('Kestra flows in devops/kestra/flows', () => {
  const files = existsSync(FLOWS_DIRECTORY)
    ? readdirSync(FLOWS_DIRECTORY).filter((file) => ['.yml', '.yaml'].includes(extname(file)))
    : [];

  it('ships the deploy, backup, rollback and version-check flows', () => {
    expect(files.map((file) => basename(file, extname(file))).sort()).toEqual(
      expect.arrayContaining(['backup', 'deploy', 'rollback', 'version-check']),
    );
  });

  it.each(files)('%s is a flow of the orchestrator.ops namespace', (file) => {
    const flow = parse(readFileSync(join(FLOWS_DIRECTORY, file), 'utf8')) as {
      id?: unknown;
      namespace?: unknown;
      tasks?: { id?: unknown; type?: unknown }[];
    };
    expect(flow.id).toBe(basename(file, extname(file)));
    expect(flow.namespace).toBe('orchestrator.ops');
    expect(Array.isArray(flow.tasks) && flow.tasks.length > 0).toBe(true);
    for (const task of flow.tasks!) {
      expect(task.id).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/);
      expect(task.type).toMatch(/^io\.kestra\.plugin\.core\./);
    }
  });
});
