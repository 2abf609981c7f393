import type { Clock } from '../ports/index.ts';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
