// The SQL compiler against the reference evaluator: on a generated population of profiles (with
// merged-away profiles and events around the window boundaries), every generated rule selects exactly
// the profiles evaluateSegmentRule accepts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@orchestrator/shared/ports';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import {
  evaluateSegmentRule,
  SegmentRuleSchema,
  type ProfileEventFact,
  type SegmentRule,
} from '../../domain/segments/index.ts';
import { createTenant } from '../profiles/profile-test-support.ts';
import { compileSegmentRule, profileSource, SqlParameters } from './segment-sql.ts';

const NOW = new Date('2024-06-10T12:00:00.000Z');
const TRAIT_KEYS = ['plan', 'seats', 'tags', 'address', 'address.city', 'utm.source', 'nil', 'score'];
const EVENT_NAMES = ['Order Completed', 'Signed Up', 'order completed'];

const strings = fc.constantFrom(
  'pro',
  'Pro',
  'PRO',
  'free',
  'Ärger',
  'ärger',
  '',
  '10',
  '9',
  'b',
  'B',
  "it's",
  '%_\\',
  '2024-05-01',
  '2024-05-01T10:00:00Z',
  '\u{1F600}',
  '\uFFFD',
);
const numbers = fc.oneof(
  fc.constantFrom(0, -1, 9, 10, 0.1, 0.2, 0.30000000000000004, 1e21, 1e-7, 42.5),
  fc.integer({ min: -3, max: 12 }),
);
const scalar = fc.oneof(strings, numbers, fc.boolean());
const jsonValue = fc.oneof(
  { weight: 4, arbitrary: scalar },
  fc.constant(null),
  fc.array(fc.oneof(scalar, fc.array(strings, { maxLength: 1 })), { maxLength: 3 }),
  fc.record(
    { city: fc.oneof(strings, fc.constant(null)), geo: fc.record({ lat: numbers }) },
    { requiredKeys: [] },
  ),
);
const record = fc.dictionary(fc.constantFrom(...TRAIT_KEYS, 'city', 'total'), jsonValue, { maxKeys: 5 });

const DAY = 24 * 60 * 60 * 1000;
const offsets = [-7 * DAY, -DAY, -30 * DAY, -40 * DAY, 0, DAY];
const timestamp = fc.oneof(
  fc.constantFrom(...offsets).map((offset) => new Date(NOW.getTime() + offset).toISOString()),
  // A microsecond either side of "7 days ago", and the same instant at another offset.
  fc.constantFrom(
    '2024-06-03T11:59:59.999999Z',
    '2024-06-03T12:00:00.000001Z',
    '2024-06-03T14:00:00+02:00',
    '2024-06-09T11:59:59.999Z',
  ),
);
const event = fc.record({
  event: fc.oneof(fc.constantFrom(...EVENT_NAMES), fc.constant(null)),
  timestamp,
  properties: fc.oneof(record, fc.constant(null)),
});
const profile = fc.record({
  traits: record,
  events: fc.array(event, { maxLength: 4 }),
  /** Profiles merged into it (a chain: the second was merged into the first). */
  absorbed: fc.array(fc.array(event, { maxLength: 3 }), { maxLength: 2 }),
});

const operand = fc.oneof(scalar);
const valueCondition = fc.oneof(
  fc.record({ op: fc.constantFrom('exists', 'not_exists') }),
  fc.record({ op: fc.constantFrom('eq', 'neq', 'contains', 'not_contains'), value: operand }),
  fc.record({ op: fc.constantFrom('gt', 'gte', 'lt', 'lte'), value: fc.oneof(strings, numbers) }),
  fc.record({ op: fc.constant('in'), value: fc.array(scalar, { minLength: 1, maxLength: 3 }) }),
);
const traitCondition = fc
  .tuple(fc.constantFrom(...TRAIT_KEYS, 'address.geo.lat', 'tags.0', 'missing'), valueCondition)
  .map(([trait, condition]) => ({ trait, ...condition }));
const eventCondition = fc.record(
  {
    event: fc.constantFrom(...EVENT_NAMES),
    atLeast: fc.integer({ min: 1, max: 3 }),
    withinDays: fc.constantFrom(1, 7, 30),
    where: fc.array(
      fc
        .tuple(fc.constantFrom('total', 'city', 'address.city', 'plan'), valueCondition)
        .map(([property, condition]) => ({ property, ...condition })),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['event', 'atLeast'] },
);
const { rule } = fc.letrec<{ rule: unknown }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    traitCondition,
    eventCondition,
    fc.record({ and: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ or: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ not: tie('rule') }),
  ),
}));

interface Stored {
  id: string;
  traits: Record<string, unknown>;
  events: ProfileEventFact[];
}

describe.each(testDatabaseEngines())('segment SQL agrees with evaluateSegmentRule on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let tenantId: string;
  const population: Stored[] = [];

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
    tenantId = await createTenant(database);
    const at = (offset: number) => new Date(NOW.getTime() + offset).toISOString();
    const handMade = [
      { traits: { plan: 'PRO', seats: 9, tags: ['pro'], address: { city: 'Berlin' } }, absorbed: [] },
      {
        traits: { plan: 'Pro plan', 'utm.source': 'ads' },
        events: [{ event: 'Order Completed', timestamp: at(-7 * DAY), properties: null }],
        absorbed: [[{ event: 'Order Completed', timestamp: at(-40 * DAY), properties: { total: 10 } }]],
      },
      {
        traits: {},
        events: [{ event: 'Signed Up', timestamp: '2024-05-11T11:59:59.999999Z', properties: null }],
        absorbed: [],
      },
    ].map((made) => ({ events: [], ...made }));
    const generated = [...handMade, ...fc.sample(profile, { numRuns: 120, seed: 20240610 })];
    await database.tenantTx(tenantId, async (tx) => {
      let message = 0;
      const insertEvents = async (profileId: string, events: ProfileEventFact[]) => {
        for (const fact of events) {
          await tx.query(
            `INSERT INTO cdp_events (tenant_id, source_id, message_id, type, event, profile_id, properties, "timestamp", received_at)
             VALUES ($1, 'test', $2, 'track', $3, $4, $5, $6, $6)`,
            [
              tenantId,
              `m-${message++}`,
              fact.event,
              profileId,
              fact.properties && JSON.stringify(fact.properties),
              fact.timestamp,
            ],
          );
        }
      };
      for (const generatedProfile of generated) {
        const { rows } = await tx.query<{ id: string }>(
          'INSERT INTO cdp_profiles (tenant_id, traits) VALUES ($1, $2) RETURNING id',
          [tenantId, JSON.stringify(generatedProfile.traits)],
        );
        const id = rows[0]!.id;
        await insertEvents(id, generatedProfile.events);
        let survivor = id;
        for (const absorbedEvents of generatedProfile.absorbed) {
          const absorbed = await tx.query<{ id: string }>(
            `INSERT INTO cdp_profiles (tenant_id, traits, merged_into) VALUES ($1, '{"plan": "pro"}', $2) RETURNING id`,
            [tenantId, survivor],
          );
          survivor = absorbed.rows[0]!.id;
          await insertEvents(survivor, absorbedEvents);
        }
        population.push({
          id,
          traits: generatedProfile.traits,
          events: [...generatedProfile.events, ...generatedProfile.absorbed.flat()],
        });
      }
    });
  });
  afterAll(() => test?.dispose());

  const selectedBySql = async (segmentRule: SegmentRule): Promise<string[]> => {
    const params = new SqlParameters();
    const compiled = compileSegmentRule(segmentRule, params, NOW);
    const { rows } = await database.tenantTx(tenantId, (tx) =>
      tx.query<{ id: string }>(
        `SELECT p.id FROM ${profileSource(compiled)} WHERE p.merged_into IS NULL AND ${compiled.predicate}`,
        params.values,
      ),
    );
    return rows.map((row) => row.id).sort();
  };
  const selectedByEvaluator = (segmentRule: SegmentRule): string[] =>
    population
      .filter((stored) => evaluateSegmentRule(segmentRule, stored.traits, stored.events, NOW))
      .map((stored) => stored.id)
      .sort();

  it('selects the same profiles for every generated rule', async () => {
    let informative = 0;
    await fc.assert(
      fc.asyncProperty(rule, async (input) => {
        const parsed = SegmentRuleSchema.safeParse(input);
        fc.pre(parsed.success);
        const segmentRule = parsed.data!;
        const expected = selectedByEvaluator(segmentRule);
        if (expected.length > 0 && expected.length < population.length) informative++;
        expect(await selectedBySql(segmentRule)).toEqual(expected);
      }),
      { numRuns: 400, seed: 42 },
    );
    // Most rules split the population (neither everyone nor no one), or the test would prove little.
    expect(informative).toBeGreaterThan(150);
  });

  it('agrees on hand-picked rules at the edges, none of them trivially empty', async () => {
    const rules: unknown[] = [
      { trait: 'plan', op: 'eq', value: 'pro' },
      { trait: 'plan', op: 'contains', value: 'R' },
      { trait: 'tags', op: 'contains', value: 'PRO' },
      { trait: 'seats', op: 'gte', value: 9 },
      { trait: 'address.city', op: 'exists' },
      { event: 'Order Completed', withinDays: 7 },
      { event: 'Order Completed', atLeast: 2 },
      { not: { event: 'Signed Up', withinDays: 30 } },
    ];
    for (const input of rules) {
      const segmentRule = SegmentRuleSchema.parse(input);
      const expected = selectedByEvaluator(segmentRule);
      expect(expected.length, JSON.stringify(input)).toBeGreaterThan(0);
      expect(await selectedBySql(segmentRule), JSON.stringify(input)).toEqual(expected);
    }
  });
});
