import { describe, expect, it } from 'vitest';
import type { ProfileEvent } from './customers-api.ts';
import { eventTitle, sourceLabel } from './event-title.ts';

function event(partial: Partial<ProfileEvent>): ProfileEvent {
  return {
    id: '1',
    messageId: 'm-1',
    sourceId: 'internal',
    type: 'track',
    event: null,
    properties: {},
    traits: {},
    timestamp: '2025-06-10T12:00:00Z',
    receivedAt: '2025-06-10T12:00:00Z',
    unlinked: [],
    ...partial,
  };
}

describe('eventTitle', () => {
  it('names track events by their event and pages by name, title or path', () => {
    expect(eventTitle(event({ event: 'Order Completed' }))).toBe('Order Completed');
    expect(eventTitle(event({ type: 'page', properties: { path: '/pricing' } }))).toBe(
      'Viewed page /pricing',
    );
    expect(eventTitle(event({ type: 'page' }))).toBe('Viewed a page');
    expect(eventTitle(event({ type: 'identify' }))).toBe('Identified');
  });
});

describe('sourceLabel', () => {
  it('uses the source name, and calls the suite’s own events "Suite modules"', () => {
    const names = new Map([['5b0e', 'Website']]);
    expect(sourceLabel('5b0e', names)).toBe('Website');
    expect(sourceLabel('internal', names)).toBe('Suite modules');
    expect(sourceLabel('0123456789', names)).toBe('Source 01234567');
  });
});
