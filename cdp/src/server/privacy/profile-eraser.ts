import { recordAudit } from '@orchestrator/shared/audit';
import type { Outbox } from '@orchestrator/shared/bus';
import type { Clock, Database, Tx } from '@orchestrator/shared/ports';
import { profileBusMessage } from '../../contracts/profile-bus-events.ts';
import type { SourceDebugFeed } from '../ingest/source-debug-feed.ts';
import { ConsentRepository } from './consent-repository.ts';
import { lockPerson, type LockedPerson } from './person-lock.ts';
import type { PrivacyActor } from './privacy-actor.ts';
import {
  deletionOrder,
  discoverRelatedTables,
  erasedByTheirModule,
  profileFilter,
  quoteIdentifier,
} from './related-tables.ts';
import { suppressionHash } from './suppression-hash.ts';
import { SuppressionRepository } from './suppression-repository.ts';
import { UnreachableTableError } from './unreachable-table-error.ts';

/** What an erasure removed; the audit log keeps these counts and the profile id, nothing personal. */
export interface ErasureCounts {
  profiles: number;
  identities: number;
  events: number;
  merges: number;
  consents: number;
  rejectedMessages: number;
  suppressions: number;
  /** Rows of other tables that hold rows per profile, by table. */
  related: Record<string, number>;
}

/** Deadlocks with a concurrent message are resolved by Postgres aborting one side; we try again. */
const MAX_ATTEMPTS = 3;
const RETRYABLE_CODES = new Set(['40P01', '40001']);

/** Written into each suppression entry (no personal data; the audit log tells who and when). */
const SUPPRESSION_REASON = 'gdpr_erasure';

/**
 * GDPR erasure (Art. 17) of one person: the live profile, every profile merged into it, their
 * identities, events, merges, consent log, rows of every table that holds rows per profile
 * (memberships, search documents, embeddings, jobs, …) and rejected messages carrying their user or
 * anonymous ids — in ONE transaction, with the person locked against concurrent messages and undos.
 * Suppression entries (hashed) for their identifiers make the profile builder drop old queued
 * messages instead of re-creating them. `Profile Deleted` goes out through the outbox in the same
 * transaction, so modules keeping records about the person (flows' runs) erase them too.
 */
export class ProfileEraser {
  private readonly consents = new ConsentRepository();
  private readonly suppressions = new SuppressionRepository();

  constructor(
    private readonly database: Database,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    /** The sources' debuggers: those of the sources the person's events came from are emptied. */
    private readonly debugFeed?: Pick<SourceDebugFeed, 'forget'>,
  ) {}

  async erase(tenantId: string, profileId: string, actor: PrivacyActor = {}): Promise<ErasureCounts> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.database.tenantTx(tenantId, (tx) => this.eraseIn(tx, tenantId, profileId, actor));
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (attempt >= MAX_ATTEMPTS || typeof code !== 'string' || !RETRYABLE_CODES.has(code)) throw error;
      }
    }
  }

  private async eraseIn(
    tx: Tx,
    tenantId: string,
    profileId: string,
    actor: PrivacyActor,
  ): Promise<ErasureCounts> {
    const person = await lockPerson(tx, tenantId, profileId);
    const related = await this.deleteRelated(tx, person);
    const consents = await this.consents.deleteOf(tx, person.treeIds);
    const rejectedMessages = await this.deleteRejectedMessages(tx, person);
    const ids = [person.treeIds];
    const merges = await count(
      tx,
      'DELETE FROM cdp_merges WHERE survivor_id = ANY($1::uuid[]) OR absorbed_id = ANY($1::uuid[])',
      ids,
    );
    const identities = await count(tx, 'DELETE FROM cdp_identities WHERE profile_id = ANY($1::uuid[])', ids);
    const { rows: deleted } = await tx.query<{ events: number; sources: string[] }>(
      `WITH gone AS (DELETE FROM cdp_events WHERE profile_id = ANY($1::uuid[]) RETURNING source_id)
       SELECT count(*)::int AS events, coalesce(array_agg(DISTINCT source_id), '{}') AS sources FROM gone`,
      ids,
    );
    const { events, sources } = deleted[0]!;
    const debugFeed = this.debugFeed;
    if (debugFeed && sources.length > 0) tx.afterCommit(() => void debugFeed.forget(sources));
    const profiles = await count(tx, 'DELETE FROM cdp_profiles WHERE id = ANY($1::uuid[])', ids);
    const suppressions = await this.suppressions.suppress(
      tx,
      tenantId,
      person.identifiers.map((identifier) => ({
        type: identifier.type,
        hash: suppressionHash(tenantId, identifier),
      })),
      SUPPRESSION_REASON,
    );
    const counts = {
      profiles,
      identities,
      events,
      merges,
      consents,
      rejectedMessages,
      suppressions,
      related,
    };
    await recordAudit(tx, {
      tenantId,
      actorUserId: actor.userId,
      actorApiKeyId: actor.apiKeyId,
      action: 'cdp.profile.erased',
      targetType: 'cdp_profile',
      targetId: person.liveId,
      details: { ...counts },
      requestId: actor.requestId,
    });
    await this.outbox.enqueue(tx, tenantId, [
      profileBusMessage(tenantId, {
        type: 'Profile Deleted',
        profileId: person.liveId,
        erasedIds: person.treeIds,
        timestamp: this.clock.now().toISOString(),
      }),
    ]);
    return counts;
  }

  private async deleteRelated(tx: Tx, person: LockedPerson): Promise<Record<string, number>> {
    const tables = (await discoverRelatedTables(tx)).filter((table) => !erasedByTheirModule(table));
    for (const table of tables) {
      if (!table.canDelete) throw new UnreachableTableError(table.name, 'DELETE');
      if (!table.canSelect) throw new UnreachableTableError(table.name, 'SELECT');
    }
    const deleted: Record<string, number> = {};
    for (const table of deletionOrder(tables)) {
      deleted[table.name] = await count(
        tx,
        `DELETE FROM ${quoteIdentifier(table.name)} WHERE ${profileFilter(table)}`,
        [person.treeIds],
      );
    }
    return deleted;
  }

  /** Rejected messages keep their whole payload: those of the person's user and anonymous ids go too. */
  private async deleteRejectedMessages(tx: Tx, person: LockedPerson): Promise<number> {
    const valuesOf = (type: string) =>
      person.identifiers
        .filter((identifier) => identifier.type === type)
        .map((identifier) => identifier.value);
    const userIds = valuesOf('user_id');
    const anonymousIds = valuesOf('anonymous_id');
    if (userIds.length === 0 && anonymousIds.length === 0) return 0;
    return count(
      tx,
      `DELETE FROM cdp_rejected_messages
       WHERE payload->'message'->>'userId' = ANY($1::text[]) OR payload->'message'->>'anonymousId' = ANY($2::text[])`,
      [userIds, anonymousIds],
    );
  }
}

async function count(tx: Tx, sql: string, params: readonly unknown[]): Promise<number> {
  return (await tx.query(sql, params)).rowCount;
}
