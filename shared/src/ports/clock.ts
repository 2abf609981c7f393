/** Time is a port so waits, timers and tests never depend on the machine's clock or zone. */
export interface Clock {
  now(): Date;
}
