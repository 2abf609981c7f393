import type { Tx } from '@orchestrator/shared/ports';
import type { NormalizedMessage } from '../../contracts/index.ts';
import { extractIdentifiers } from '../../domain/index.ts';
import { consentObservationsOf, suppressibleIdentifiers } from '../../domain/privacy/index.ts';
import { IdentityRepository } from '../profiles/identity-repository.ts';
import { ConsentRepository } from './consent-repository.ts';
import { suppressionHash } from './suppression-hash.ts';
import { SuppressionRepository } from './suppression-repository.ts';

const identities = new IdentityRepository();
const suppressions = new SuppressionRepository();
const consents = new ConsentRepository();

/**
 * The privacy step of the profile builder, called right after a message's event row was inserted
 * (in the same transaction). Returns false when the message must be dropped: it carries an identifier
 * of a person deleted under GDPR — an old queued message must not bring them back as a new profile.
 * The event row is deleted again (it would keep their data), nothing else happens, and the drop is
 * counted on the suppression entry. Otherwise records the consent the message states, on its event.
 *
 * Race with a deletion: the identifiers' advisory locks (the ones the processor itself takes next, so
 * re-taking them there is free) are taken BEFORE the check. Erasure holds the same locks until it
 * commits its suppression entries; a message either finished before (and its event is erased with
 * the person) or checks after (and sees the entries). Without the lock a message checked just before
 * the commit would resolve just after it, find no profile, and create one.
 */
export async function admitMessage(
  tx: Tx,
  tenantId: string,
  eventId: number,
  message: NormalizedMessage,
): Promise<boolean> {
  const checked = suppressibleIdentifiers(extractIdentifiers(message));
  if (checked.length > 0) {
    await identities.lock(tx, tenantId, checked);
    const hashes = checked.map((identifier) => suppressionHash(tenantId, identifier));
    if (await suppressions.dropIfSuppressed(tx, tenantId, hashes)) {
      await tx.query('DELETE FROM cdp_events WHERE id = $1', [eventId]);
      return false;
    }
  }
  const observations = consentObservationsOf(message);
  if (observations.length > 0) await consents.recordFromEvent(tx, tenantId, eventId, observations);
  return true;
}
