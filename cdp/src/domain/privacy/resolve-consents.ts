import type { ConsentSource, ConsentStatus } from '../../contracts/privacy-api.ts';
import { compareInstants, compareInstantsStrictly } from '../instant.ts';
import { consentStatusRank, type ConsentObservation } from './consent-observations.ts';

/** A purpose's consent as the profile shows it. */
export interface ResolvedConsent {
  status: ConsentStatus;
  updatedAt: string;
  source: ConsentSource;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A total order on observations of one purpose: by time (the event's timestamp, never arrival order);
 * at the same instant the more restrictive status is later (wins), then source and message id — so
 * the winner never depends on the order observations are read in.
 */
export function compareConsentObservations(a: ConsentObservation, b: ConsentObservation): number {
  return (
    compareInstants(a.at, b.at) ||
    consentStatusRank(a.status) - consentStatusRank(b.status) ||
    compareInstantsStrictly(a.at, b.at) ||
    compareText(a.source, b.source) ||
    compareText(a.messageId ?? '', b.messageId ?? '')
  );
}

/**
 * The consent per purpose of a profile from every observation of it (its own and those of profiles
 * merged into it): the latest by event time wins. A message's denial that comes after an earlier
 * grant of the same purpose reads `revoked` (a boolean cannot say so); a user setting a status through
 * the API says exactly which one they mean, and it is kept as it is. A pure function of the SET of observations — merges, undos and
 * out-of-order delivery cannot change the answer.
 */
export function resolveConsents(observations: Iterable<ConsentObservation>): Record<string, ResolvedConsent> {
  const latest = new Map<string, ConsentObservation>();
  const earliestGrant = new Map<string, ConsentObservation>();
  for (const observation of observations) {
    const known = latest.get(observation.purpose);
    if (!known || compareConsentObservations(observation, known) > 0)
      latest.set(observation.purpose, observation);
    const grant = earliestGrant.get(observation.purpose);
    if (observation.status === 'granted' && (!grant || compareInstants(observation.at, grant.at) < 0)) {
      earliestGrant.set(observation.purpose, observation);
    }
  }
  const purposes = [...latest.keys()].sort(compareText);
  return Object.fromEntries(
    purposes.map((purpose) => {
      const winner = latest.get(purpose)!;
      const grant = earliestGrant.get(purpose);
      const revoked =
        winner.status === 'denied' &&
        winner.source !== 'api' &&
        grant !== undefined &&
        compareInstants(grant.at, winner.at) < 0;
      return [
        purpose,
        { status: revoked ? 'revoked' : winner.status, updatedAt: winner.at, source: winner.source },
      ];
    }),
  );
}
