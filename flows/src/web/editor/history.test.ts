import { describe, expect, it } from 'vitest';
import {
  HISTORY_LIMIT,
  amendPresent,
  createHistory,
  pushChange,
  pushStepFrom,
  redo,
  undo,
} from './history.ts';

describe('editor history', () => {
  it('undoes and redoes changes in order, and a new change drops what could be redone', () => {
    let history = createHistory('a');
    history = pushChange(history, 'b');
    history = pushChange(history, 'c');
    history = undo(history);
    expect(history.present).toBe('b');
    history = undo(history);
    expect(history.present).toBe('a');
    expect(undo(history)).toBe(history);
    history = redo(history);
    expect(history.present).toBe('b');
    history = pushChange(history, 'd');
    expect(history.future).toEqual([]);
    expect(redo(history)).toBe(history);
    expect(undo(history).present).toBe('b');
  });

  it('makes one step of changes in the same group, and a new step after another group', () => {
    let history = createHistory('');
    history = pushChange(history, 'H', 'node-1.label');
    history = pushChange(history, 'He', 'node-1.label');
    history = pushChange(history, 'Hey', 'node-1.label');
    history = pushChange(history, 'Hey!', 'node-2.label');
    expect(undo(history).present).toBe('Hey');
    expect(undo(undo(history)).present).toBe('');
  });

  it('does not make steps of amendments, and a drag is one step back to where it began', () => {
    let history = createHistory({ x: 0 });
    const before = history.present;
    history = amendPresent(history, { x: 5 });
    history = amendPresent(history, { x: 10 });
    expect(history.past).toHaveLength(0);
    history = pushStepFrom(history, before, { x: 12 });
    expect(history.present).toEqual({ x: 12 });
    expect(undo(history).present).toEqual({ x: 0 });
  });

  it('keeps at most the last HISTORY_LIMIT steps', () => {
    let history = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) history = pushChange(history, i);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    while (history.past.length > 0) history = undo(history);
    expect(history.present).toBe(20);
  });
});
