// Segments: the rule language, its reference evaluation and what the server needs to know of a rule.
export * from './evaluate-segment-rule.ts';
export * from './rule-analysis.ts';
export * from './segment-rule.ts';
export * from './value-conditions.ts';
