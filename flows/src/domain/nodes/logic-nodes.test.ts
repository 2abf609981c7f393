import { describe, expect, it } from 'vitest';
import { executionContext, flowEvent } from '../test-fixtures.ts';
import { logicConditionNode } from './logic-condition.ts';
import { logicExitNode } from './logic-exit.ts';
import { chooseVariant, logicSplitNode, LogicSplitConfigSchema } from './logic-split.ts';
import { logicSwitchNode, LogicSwitchConfigSchema } from './logic-switch.ts';
import { logicWaitDurationNode } from './logic-wait-duration.ts';

describe('logic.condition', () => {
  it('leaves by true or false on event, profile and step fields', async () => {
    const config = logicConditionNode.configSchema.parse({
      condition: {
        match: 'all',
        rules: [
          { path: 'profile.traits.firstName', operator: 'equals', value: 'Ada' },
          { path: 'steps.ai.label', operator: 'equals', value: 'sales' },
        ],
      },
    });
    const yes = await logicConditionNode.execute!(
      executionContext(config, { steps: { ai: { label: 'sales' } } }),
    );
    expect(yes).toEqual({ kind: 'continue', handle: 'true', output: { result: true } });
    const no = await logicConditionNode.execute!(
      executionContext(config, { steps: { ai: { label: 'support' } } }),
    );
    expect(no).toMatchObject({ handle: 'false' });
  });
});

describe('logic.switch', () => {
  const config = LogicSwitchConfigSchema.parse({
    cases: [
      {
        id: 'pro',
        label: 'Pro',
        condition: { rules: [{ path: 'event.properties.plan', operator: 'equals', value: 'pro' }] },
      },
      {
        id: 'big',
        label: 'Big order',
        condition: { rules: [{ path: 'event.properties.total', operator: 'gte', value: '100' }] },
      },
    ],
  });

  it('has one output per case plus default', () => {
    expect(logicSwitchNode.outputs(config).map((output) => output.id)).toEqual(['pro', 'big', 'default']);
  });

  it('takes the first case that holds, else default', async () => {
    const run = (properties: Record<string, unknown>) =>
      logicSwitchNode.execute!(
        executionContext(config, { trigger: flowEvent('Order Completed', properties) }),
      );
    expect(await run({ plan: 'pro', total: 500 })).toMatchObject({ handle: 'pro' });
    expect(await run({ plan: 'free', total: 500 })).toMatchObject({ handle: 'big' });
    expect(await run({ plan: 'free', total: 5 })).toMatchObject({ handle: 'default' });
  });

  it('refuses repeated or reserved case ids', () => {
    const condition = { match: 'all', rules: [], groups: [] };
    const repeated = LogicSwitchConfigSchema.safeParse({
      cases: [
        { id: 'a', label: 'A', condition },
        { id: 'a', label: 'B', condition },
      ],
    });
    expect(repeated.error?.issues[0]?.path).toEqual(['cases', 1, 'id']);
    expect(
      LogicSwitchConfigSchema.safeParse({ cases: [{ id: 'default', label: 'D', condition }] }).success,
    ).toBe(false);
  });
});

describe('logic.split', () => {
  const config = logicSplitNode.defaultConfig;

  it('sends a profile down the same branch every time', async () => {
    const first = await logicSplitNode.execute!(executionContext(config, { nodeId: 'split-1' }));
    for (let index = 0; index < 5; index++) {
      expect(await logicSplitNode.execute!(executionContext(config, { nodeId: 'split-1' }))).toEqual(first);
    }
  });

  it('follows the weights over many profiles', () => {
    const weighted = LogicSplitConfigSchema.parse({
      variants: [
        { id: 'a', label: 'A', weight: 20 },
        { id: 'b', label: 'B', weight: 80 },
        { id: 'off', label: 'Off', weight: 0 },
      ],
    });
    const counts: Record<string, number> = { a: 0, b: 0, off: 0 };
    for (let index = 0; index < 10_000; index++)
      counts[chooseVariant(weighted, `profile-${index}:split-1`)]!++;
    expect(counts.off).toBe(0);
    expect(counts.a! / 10_000).toBeGreaterThan(0.18);
    expect(counts.a! / 10_000).toBeLessThan(0.22);
  });

  it('splits independently per node', () => {
    let differ = 0;
    for (let index = 0; index < 1_000; index++) {
      if (chooseVariant(config, `p${index}:one`) !== chooseVariant(config, `p${index}:two`)) differ++;
    }
    expect(differ).toBeGreaterThan(400);
    expect(differ).toBeLessThan(600);
  });

  it('needs some weight', () => {
    const zero = {
      variants: [
        { id: 'a', label: 'A', weight: 0 },
        { id: 'b', label: 'B', weight: 0 },
      ],
    };
    expect(LogicSplitConfigSchema.safeParse(zero).success).toBe(false);
  });
});

describe('logic.waitDuration', () => {
  const started = new Date('2026-03-01T10:00:00Z');
  const config = { amount: 2, unit: 'days' as const };

  it('waits from the step start', async () => {
    const outcome = await logicWaitDurationNode.execute!(
      executionContext(config, { stepStartedAt: started, now: new Date('2026-03-01T11:00:00Z') }),
    );
    expect(outcome).toMatchObject({ kind: 'wait', until: new Date('2026-03-03T10:00:00Z') });
  });

  it('continues when the timer fires or the time has passed', async () => {
    const resumed = await logicWaitDurationNode.execute!(
      executionContext(config, {
        stepStartedAt: started,
        now: new Date('2026-03-03T10:00:00Z'),
        resumed: { reason: 'timer' },
      }),
    );
    expect(resumed).toMatchObject({ kind: 'continue', handle: 'next' });
    const late = await logicWaitDurationNode.execute!(
      executionContext(config, { stepStartedAt: started, now: new Date('2026-03-04T00:00:00Z') }),
    );
    expect(late).toMatchObject({ kind: 'continue', handle: 'next' });
  });
});

describe('logic.exit', () => {
  it('ends the run', async () => {
    expect(await logicExitNode.execute!(executionContext({ reason: 'not a lead' }))).toEqual({
      kind: 'exit',
      output: { reason: 'not a lead' },
    });
    expect(logicExitNode.outputs({ reason: '' })).toEqual([]);
  });
});
