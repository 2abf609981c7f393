import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTION_RETRY, NO_RETRY, retryDelay } from './retry-backoff.ts';

describe('retryDelay', () => {
  it('doubles the ceiling each attempt and caps it', () => {
    const top = () => 0.999999;
    expect(retryDelay(DEFAULT_ACTION_RETRY, 1, top)).toBe(999);
    expect(retryDelay(DEFAULT_ACTION_RETRY, 2, top)).toBe(1999);
    expect(retryDelay(DEFAULT_ACTION_RETRY, 4, top)).toBe(7999);
    expect(retryDelay({ maxAttempts: 30, initialDelayMs: 1_000, maxDelayMs: 300_000 }, 20, top)).toBe(
      299_999,
    );
  });

  it('draws uniformly below the ceiling (full jitter)', () => {
    expect(retryDelay(DEFAULT_ACTION_RETRY, 3, () => 0)).toBe(0);
    expect(retryDelay(DEFAULT_ACTION_RETRY, 3, () => 0.5)).toBe(2000);
  });

  it('stops when the attempts are used up', () => {
    expect(retryDelay(DEFAULT_ACTION_RETRY, 5)).toBeNull();
    expect(retryDelay(NO_RETRY, 1)).toBeNull();
  });

  it('defaults to 5 attempts from 1 s up to 5 min', () => {
    expect(DEFAULT_ACTION_RETRY).toEqual({ maxAttempts: 5, initialDelayMs: 1_000, maxDelayMs: 300_000 });
  });
});
