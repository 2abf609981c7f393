import { recordAudit } from '@orchestrator/shared/audit';
import { NotFoundError } from '@orchestrator/shared/errors';
import type { Tx } from '@orchestrator/shared/ports';
import type { ProfileConsents, UpdateConsentRequest } from '../../contracts/index.ts';
import { resolveConsents, type ConsentObservation } from '../../domain/privacy/index.ts';
import { ProfileRepository } from '../profiles/profile-repository.ts';
import { ConsentRepository } from './consent-repository.ts';
import type { PrivacyActor } from './privacy-actor.ts';

/**
 * Consent on the profile, as the API reads and sets it. Reading resolves the whole tree's log (the
 * live profile and everything merged into it); setting appends API statements, stamped with the
 * server's time, to the live profile — the latest-wins rule then treats them like any message.
 */
export class ProfileConsentService {
  private readonly profiles = new ProfileRepository();
  private readonly consents = new ConsentRepository();

  async read(tx: Tx, profileId: string): Promise<ProfileConsents> {
    const liveId = await this.liveIdOf(tx, profileId);
    const treeIds = await this.profiles.treeIds(tx, liveId);
    return { profileId: liveId, purposes: resolveConsents(await this.consents.latestOf(tx, treeIds)) };
  }

  async update(
    tx: Tx,
    tenantId: string,
    profileId: string,
    request: UpdateConsentRequest,
    now: Date,
    actor: PrivacyActor,
  ): Promise<ProfileConsents> {
    const liveId = await this.liveIdOf(tx, profileId);
    // The row lock waits out a concurrent erasure (which then leaves nothing to lock: 404).
    const [locked] = await this.profiles.lock(tx, [liveId]);
    if (!locked) throw new NotFoundError('No such profile');
    const at = now.toISOString();
    const observations: ConsentObservation[] = Object.entries(request.purposes).map(([purpose, status]) => ({
      purpose,
      status,
      at,
      source: 'api',
      messageId: null,
    }));
    await this.consents.recordFromApi(tx, tenantId, locked.id, observations);
    await recordAudit(tx, {
      tenantId,
      actorUserId: actor.userId,
      actorApiKeyId: actor.apiKeyId,
      action: 'cdp.consent.updated',
      targetType: 'cdp_profile',
      targetId: locked.id,
      // Purposes and statuses only: no personal data.
      details: { purposes: request.purposes },
      requestId: actor.requestId,
    });
    return this.read(tx, locked.id);
  }

  private async liveIdOf(tx: Tx, profileId: string): Promise<string> {
    const liveId = await this.profiles.resolveLiveId(tx, profileId);
    if (!liveId) throw new NotFoundError('No such profile');
    return liveId;
  }
}
