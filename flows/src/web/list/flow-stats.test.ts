import { describe, expect, it } from 'vitest';
import { errorRateOf } from './flow-stats.ts';

describe('errorRateOf', () => {
  it('is failed over finished runs; live runs do not count yet', () => {
    expect(errorRateOf({ runs: 12, live: 2, completed: 9, failed: 1 })).toBe('10%');
    expect(errorRateOf({ runs: 1000, live: 0, completed: 958, failed: 42 })).toBe('4.2%');
    expect(errorRateOf({ runs: 5000, live: 0, completed: 4999, failed: 1 })).toBe('<0.1%');
    expect(errorRateOf({ runs: 3, live: 0, completed: 3, failed: 0 })).toBe('0%');
  });

  it('shows a dash before any run finished', () => {
    expect(errorRateOf({ runs: 2, live: 2, completed: 0, failed: 0 })).toBe('—');
  });
});
