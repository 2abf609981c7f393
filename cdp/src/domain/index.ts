// The CDP's pure domain core: identity extraction, block lists, identity rules, resolution planning
// and the order-independent profile state. No I/O, no clock, no randomness.
export * from './blocked-identifier-values.ts';
export * from './canonical-json.ts';
export * from './identifiers.ts';
export * from './identity-rules.ts';
export * from './instant.ts';
export * from './plan-identity-resolution.ts';
export * from './profile-state.ts';
export * from './trait-strategies.ts';
