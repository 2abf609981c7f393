// Privacy (issue 3, item 10): consent per purpose from messages and the API, resolved latest-wins by
// event time, and which identifiers a GDPR deletion suppresses. Pure: no I/O, no clock.
export * from './consent-observations.ts';
export * from './consent-purposes.ts';
export * from './resolve-consents.ts';
export * from './suppressible-identifiers.ts';
