export * from './profiles-api.ts';
export * from './segment-message.ts';
export * from './sources-api.ts';
export * from './profile-bus-events.ts';
export * from './privacy-api.ts';
export * from './search-api.ts';
export * from './segments-api.ts';
export * from './trait-definitions-api.ts';
