// Pure logic of profile search: the text a profile is searched by, which profiles an event touches,
// and how vector and full-text rankings combine. No I/O.
export * from './flatten-values.ts';
export * from './profile-document.ts';
export * from './rank-fusion.ts';
export * from './refresh-targets.ts';
export * from './semantic-query.ts';
export * from './faint-matches.ts';
