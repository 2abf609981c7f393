/** The benchmark's command line: modes, sizes and diagnostics, with the per-mode defaults. */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CHUNK_SIZE } from '@orchestrator/cdp/server';

export type Mode = 'embedded' | 'postgres' | 'kafka';

export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
export const PROFILES_GROUP = 'cdp-profiles';
export const CEILING_BATCH = 500;
/** The chunk size of the builder-alone measurement: the consumer's (DEFAULT_CHUNK_SIZE). */
export const BUILDER_CHUNK = DEFAULT_CHUNK_SIZE;
export const now = () => performance.timeOrigin + performance.now();

export const { values: args } = parseArgs({
  options: {
    mode: { type: 'string' },
    events: { type: 'string' },
    anonymous: { type: 'string' },
    'merge-share': { type: 'string', default: '0.2' },
    batch: { type: 'string', default: '100' },
    clients: { type: 'string', default: '8' },
    rate: { type: 'string' },
    'rate-seconds': { type: 'string' },
    'rate-batch': { type: 'string', default: '10' },
    'max-seconds': { type: 'string', default: '150' },
    seed: { type: 'string', default: '1' },
    'builder-events': { type: 'string' },
    'floor-events': { type: 'string' },
    'keep-kafka-records': { type: 'boolean', default: false },
    'keep-database': { type: 'boolean', default: false },
    progress: { type: 'boolean', default: false },
    'trace-sql': { type: 'boolean', default: false },
    'cpu-profile': { type: 'string' },
    'split-roles': { type: 'boolean', default: false },
  },
});

export const number = (name: string, text: string | undefined, fallback?: number): number => {
  const value = text === undefined ? fallback : Number(text);
  if (value === undefined || !Number.isFinite(value) || value < 0) {
    throw new Error(`--${name} must be a non-negative number`);
  }
  return value;
};

/** Per-mode defaults that keep a run within about two minutes on a 2-core machine. */
export const DEFAULT_SIZES: Record<
  Mode,
  { events: number; anonymous: number; rate: number; builderEvents: number }
> = {
  embedded: { events: 20_000, anonymous: 10_000, rate: 50, builderEvents: 5_000 },
  postgres: { events: 100_000, anonymous: 50_000, rate: 1_000, builderEvents: 20_000 },
  kafka: { events: 200_000, anonymous: 100_000, rate: 1_000, builderEvents: 20_000 },
};

export interface Settings {
  events: number;
  /** Events for the builder-alone measurement (0: skip it). */
  builderEvents: number;
  /** Events for the floor (floor.ts; 0: skip it). Default: as many as the workload, not in embedded mode. */
  floorEvents: number;
  anonymous: number;
  mergeShare: number;
  batch: number;
  clients: number;
  rate: number;
  rateSeconds: number;
  rateBatch: number;
  maxSeconds: number;
  seed: number;
}

export function settingsFor(mode: Mode): Settings {
  const sizes = DEFAULT_SIZES[mode];
  const events = Math.floor(number('events', args.events, sizes.events));
  // A smaller --events scales the rest down with it (a smoke run): half as many anonymous ids, no more
  // builder-alone messages than that, and a 5-second paced phase.
  const smaller = events < sizes.events;
  return {
    events,
    anonymous: Math.max(
      1,
      Math.floor(number('anonymous', args.anonymous, smaller ? Math.ceil(events / 2) : sizes.anonymous)),
    ),
    mergeShare: number('merge-share', args['merge-share']),
    batch: Math.max(1, Math.floor(number('batch', args.batch))),
    clients: Math.max(1, Math.floor(number('clients', args.clients))),
    rate: number('rate', args.rate, sizes.rate),
    builderEvents: Math.floor(
      number('builder-events', args['builder-events'], Math.min(sizes.builderEvents, events)),
    ),
    floorEvents: Math.floor(number('floor-events', args['floor-events'], mode === 'embedded' ? 0 : events)),
    rateSeconds: number('rate-seconds', args['rate-seconds'], smaller ? 5 : 20),
    rateBatch: Math.max(1, Math.floor(number('rate-batch', args['rate-batch']))),
    maxSeconds: number('max-seconds', args['max-seconds']),
    seed: Math.floor(number('seed', args.seed)),
  };
}

export function modes(): Mode[] {
  const requested = args.mode ?? 'default';
  if (requested === 'all') return ['embedded', 'postgres', 'kafka'];
  if (requested === 'embedded' || requested === 'postgres' || requested === 'kafka') return [requested];
  if (requested !== 'default') throw new Error('--mode must be embedded, postgres, kafka or all');
  const services = process.env.DATABASE_URL && process.env.KAFKA_BROKERS && process.env.REDIS_URL;
  return services ? ['embedded', 'kafka'] : ['embedded'];
}
