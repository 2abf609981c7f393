import { describe, expect, it } from 'vitest';
import { ActionNode } from './ActionNode.tsx';
import { LogicNode } from './LogicNode.tsx';
import { canvasNodeTypes } from './node-types.ts';
import { TriggerNode } from './TriggerNode.tsx';
import { UnknownNode } from './UnknownNode.tsx';

describe('canvasNodeTypes', () => {
  it("draws each catalog type with its category's component", () => {
    expect(canvasNodeTypes['trigger.formSubmitted']).toBe(TriggerNode);
    expect(canvasNodeTypes['logic.waitForEvent']).toBe(LogicNode);
    expect(canvasNodeTypes['action.webhook']).toBe(ActionNode);
  });

  it('draws a type it does not know as an unknown step', () => {
    expect(canvasNodeTypes['action.createTicket']).toBe(UnknownNode);
  });
});
