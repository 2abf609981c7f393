import type { ConsentStatus } from '../../contracts/privacy-api.ts';

/**
 * Consent managers name their categories as they like ("Advertising", "C0004", "DataSharing"); the
 * profile keeps purposes. Categories that mean one of the four standard purposes are mapped onto it;
 * every other category becomes its own purpose, under its slug (`DataSharing` → `data_sharing`).
 *
 * | category (after slugging)                              | purpose           |
 * | ------------------------------------------------------ | ----------------- |
 * | marketing, advertising, ads, targeting                 | `marketing`       |
 * | analytics, performance, statistics, measurement        | `analytics`       |
 * | personalization, personalisation, functional, preferences | `personalization` |
 * | sales                                                  | `sales`           |
 * | anything else                                          | its slug          |
 */
const SYNONYMS: Readonly<Record<string, string>> = {
  marketing: 'marketing',
  advertising: 'marketing',
  ads: 'marketing',
  targeting: 'marketing',
  analytics: 'analytics',
  performance: 'analytics',
  statistics: 'analytics',
  measurement: 'analytics',
  personalization: 'personalization',
  personalisation: 'personalization',
  functional: 'personalization',
  preferences: 'personalization',
  sales: 'sales',
};

const MAX_PURPOSE_LENGTH = 63;

/**
 * A category name as a slug: camelCase split into words, lower-cased, every run of other characters
 * turned into `_`. Undefined when nothing usable is left or it is too long to be a purpose.
 */
export function slugOfCategory(category: string): string | undefined {
  const slug = category
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug !== '' && slug.length <= MAX_PURPOSE_LENGTH ? slug : undefined;
}

/** The purpose a consent category stands for (see the table above). */
export function purposeOfCategory(category: string): string | undefined {
  const slug = slugOfCategory(category);
  if (slug === undefined) return undefined;
  return SYNONYMS[slug] ?? slug;
}

const STATUS_WORDS: Readonly<Record<string, ConsentStatus>> = {
  granted: 'granted',
  denied: 'denied',
  revoked: 'revoked',
  true: 'granted',
  false: 'denied',
};

/**
 * A consent value as senders write it: a boolean (Segment's convention), or one of the status words
 * (`"granted"`, `"denied"`, `"revoked"`, also `"true"`/`"false"`). Anything else says nothing.
 */
export function consentStatusOf(value: unknown): ConsentStatus | undefined {
  if (typeof value === 'boolean') return value ? 'granted' : 'denied';
  if (typeof value !== 'string') return undefined;
  return Object.hasOwn(STATUS_WORDS, value.trim().toLowerCase())
    ? STATUS_WORDS[value.trim().toLowerCase()]
    : undefined;
}
