import { recordAudit } from '@orchestrator/shared/audit';
import { NotFoundError } from '@orchestrator/shared/errors';
import type { Tx } from '@orchestrator/shared/ports';
import { PROFILE_EXPORT_FORMAT } from '../../contracts/index.ts';
import { resolveConsents } from '../../domain/privacy/index.ts';
import { IdentityRepository } from '../profiles/identity-repository.ts';
import { ProfileRepository } from '../profiles/profile-repository.ts';
import { ConsentRepository } from './consent-repository.ts';
import type { PrivacyActor } from './privacy-actor.ts';
import { discoverRelatedTables, profileFilter, quoteIdentifier } from './related-tables.ts';
import { UnreachableTableError } from './unreachable-table-error.ts';

/** Everything of an export but the events, which are streamed after it. */
export interface ExportHead {
  format: typeof PROFILE_EXPORT_FORMAT;
  exportedAt: string;
  profileId: string;
  /** The live profile and every profile merged into it: rows with their full state. */
  profiles: Record<string, unknown>[];
  identities: Record<string, unknown>[];
  consents: ReturnType<typeof resolveConsents>;
  consentHistory: Record<string, unknown>[];
  merges: Record<string, unknown>[];
  /** Rows of other tables that hold rows per profile (segment memberships, embeddings metadata, …). */
  related: Record<string, Record<string, unknown>[]>;
  eventCount: number;
}

export interface ExportSnapshot {
  head: ExportHead;
  treeIds: string[];
}

interface ProfileExportRow {
  id: string;
  merged_into: string | null;
  state: unknown;
  traits: Record<string, unknown>;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  event_count: number;
  created_at: Date;
  updated_at: Date;
}

interface MergeExportRow {
  id: string;
  survivor_id: string;
  absorbed_id: string;
  trigger_message_id: string | null;
  rule: string;
  absorbed_state: unknown;
  created_at: Date;
  undone_at: Date | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * Reads, in one transaction, everything about a person but the events, and records the export in the
 * audit log (counts only). A merged-away id stands for its survivor.
 */
export async function readExportSnapshot(
  tx: Tx,
  tenantId: string,
  profileId: string,
  exportedAt: Date,
  actor: PrivacyActor,
): Promise<ExportSnapshot> {
  const profileRepository = new ProfileRepository();
  const liveId = await profileRepository.resolveLiveId(tx, profileId);
  if (!liveId) throw new NotFoundError('No such profile');
  const treeIds = await profileRepository.treeIds(tx, liveId);

  const profiles = await tx.query<ProfileExportRow>(
    `SELECT id, merged_into, state, traits, first_seen_at, last_seen_at, event_count, created_at, updated_at
     FROM cdp_profiles WHERE id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [treeIds],
  );
  const identities = await new IdentityRepository().ofProfiles(tx, treeIds);
  const consentRepository = new ConsentRepository();
  const consentHistory = await consentRepository.historyOf(tx, treeIds);
  const merges = await tx.query<MergeExportRow>(
    `SELECT id, survivor_id, absorbed_id, trigger_message_id, rule, absorbed_state, created_at, undone_at
     FROM cdp_merges WHERE survivor_id = ANY($1::uuid[]) OR absorbed_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [treeIds],
  );
  const events = await tx.query<{ n: string }>(
    'SELECT count(*) AS n FROM cdp_events WHERE profile_id = ANY($1::uuid[])',
    [treeIds],
  );
  const related = await readRelated(tx, treeIds);

  const head: ExportHead = {
    format: PROFILE_EXPORT_FORMAT,
    exportedAt: exportedAt.toISOString(),
    profileId: liveId,
    profiles: profiles.rows.map((row) => ({
      id: row.id,
      mergedInto: row.merged_into,
      traits: row.traits,
      state: row.state,
      firstSeenAt: iso(row.first_seen_at),
      lastSeenAt: iso(row.last_seen_at),
      eventCount: row.event_count,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    })),
    identities: identities.map(({ profileId: owner, type, value, firstSeenAt }) => ({
      profileId: owner,
      type,
      value,
      firstSeenAt,
    })),
    consents: resolveConsents(consentHistory),
    consentHistory: consentHistory.map(({ at, ...record }) => ({ ...record, updatedAt: at })),
    merges: merges.rows.map((row) => ({
      id: row.id,
      survivorId: row.survivor_id,
      absorbedId: row.absorbed_id,
      triggerMessageId: row.trigger_message_id,
      rule: row.rule,
      absorbedState: row.absorbed_state,
      createdAt: iso(row.created_at),
      undoneAt: iso(row.undone_at),
    })),
    related,
    eventCount: Number(events.rows[0]?.n ?? 0),
  };
  await recordAudit(tx, {
    tenantId,
    actorUserId: actor.userId,
    actorApiKeyId: actor.apiKeyId,
    action: 'cdp.profile.exported',
    targetType: 'cdp_profile',
    targetId: liveId,
    details: {
      profiles: head.profiles.length,
      identities: head.identities.length,
      events: head.eventCount,
      merges: head.merges.length,
      consents: head.consentHistory.length,
    },
    requestId: actor.requestId,
  });
  return { head, treeIds };
}

async function readRelated(tx: Tx, treeIds: readonly string[]): Promise<ExportHead['related']> {
  const related: ExportHead['related'] = {};
  for (const table of await discoverRelatedTables(tx)) {
    if (!table.canSelect) throw new UnreachableTableError(table.name, 'SELECT');
    const columns = table.exportColumns.map(quoteIdentifier).join(', ');
    const order = columns === '' ? '' : 'ORDER BY 1';
    const { rows } = await tx.query<{ row: Record<string, unknown> }>(
      `SELECT to_jsonb(t) AS row FROM (SELECT ${columns} FROM ${quoteIdentifier(table.name)}
         WHERE ${profileFilter(table)} ${order}) t`,
      [treeIds],
    );
    related[table.name] = rows.map((row) => row.row);
  }
  return related;
}
