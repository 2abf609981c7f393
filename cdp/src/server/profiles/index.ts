export * from './merge-undo.ts';
export * from './profile-consumer.ts';
export * from './profile-processor.ts';
export * from './profile-settings-router.ts';
export * from './profile-worker.ts';
export * from './profiles-router.ts';
export * from './rejected-message-repository.ts';
