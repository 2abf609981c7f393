export * from './bus-position.ts';
export * from './kafka-event-bus.ts';
export * from './outbox-relay.ts';
export * from './outbox.ts';
export * from './partition-for-key.ts';
export * from './pg-log-event-bus.ts';
export * from './pg-log-retention.ts';
export * from './wakeup-signal.ts';
