export * from './message-admission.ts';
export * from './privacy-router.ts';
export * from './profile-eraser.ts';
export * from './profile-exporter.ts';
export * from './suppression-hash.ts';
