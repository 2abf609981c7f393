import { createHash } from 'node:crypto';
import type { Logger } from '@orchestrator/shared/logging';
import type { Database, EmbeddingProvider } from '@orchestrator/shared/ports';
import { DEFAULT_PROFILE_DOCUMENT_LIMITS, buildProfileDocument } from '../../domain/search/index.ts';
import { EmbeddingJobQueue, type ClaimedJob } from './embedding-job-queue.ts';
import {
  ProfileDocumentRepository,
  type DocumentWrite,
  type EmbeddingWrite,
} from './profile-document-repository.ts';
import { RefreshAlarm } from './refresh-alarm.ts';
import { toVectorLiteral, type VectorSupport } from './vector-support.ts';

export interface EmbeddingJobRunnerOptions {
  /** Jobs claimed (and texts embedded) at a time. Default 256: a round costs a dozen round trips whatever its size. */
  batchSize?: number;
  /** How long a claim holds before another worker may take the job (a crashed worker's jobs). Default 60 s. */
  leaseSeconds?: number;
  /** How often the queue is looked at without a kick (jobs requested by other processes). Default 1 s. */
  pollIntervalMs?: number;
  /**
   * How long after a profile's first change its document is refreshed, so a burst of changes costs
   * one refresh (and one embedding request): the delay of the runner's `queue`, through which the
   * refreshes are to be requested. Default 0: as soon as possible.
   */
  refreshDelayMs?: number;
  /**
   * After a round that found less than a full batch, how long a kick waits before the next one, so
   * the jobs of a steady stream of changes are worked off together. Default 250 ms.
   */
  settleMs?: number;
}

/** What one batch did, for logs and tests. */
export interface RefreshOutcome {
  claimed: number;
  documentsWritten: number;
  embedded: number;
  deleted: number;
  /** Requested again while being worked on: left in the queue for the next round. */
  requeued: number;
}

const MAX_BACKOFF_MS = 30_000;
/** How soon to look again at a due job another transaction holds (see nextLook). */
const BUSY_JOB_RETRY_MS = 50;

/**
 * Works off `cdp_embedding_jobs`: builds each claimed profile's document, stores it when its hash
 * changed, embeds changed documents through the EmbeddingProvider port in one batch (only with
 * pgvector: `vectors` null means full text only), and deletes documents of profiles merged away.
 */
export class EmbeddingJobRunner {
  /** Where refreshes are requested (due after `refreshDelayMs`) and claimed. */
  readonly queue: EmbeddingJobQueue;
  private readonly documents = new ProfileDocumentRepository();
  /** Rings when requested jobs fall due (kicks bring it forward). */
  private readonly alarm = new RefreshAlarm();
  /** Backoff and settling: only stop ends them early. */
  private readonly pause = new RefreshAlarm();
  private readonly batchSize: number;
  private readonly leaseSeconds: number;
  private readonly pollIntervalMs: number;
  private readonly settleMs: number;
  private readonly refreshDelayMs: number;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly vectors: { support: VectorSupport; provider: EmbeddingProvider } | null,
    private readonly logger: Pick<Logger, 'error'>,
    options: EmbeddingJobRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 256;
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.settleMs = options.settleMs ?? 250;
    this.refreshDelayMs = options.refreshDelayMs ?? 0;
    this.queue = new EmbeddingJobQueue({ delayMs: this.refreshDelayMs });
  }

  start(): void {
    this.stopped = false;
    this.running ??= this.loop().finally(() => (this.running = undefined));
  }

  /** New jobs were requested: look when they fall due instead of at the next poll. */
  kick(): void {
    this.alarm.expectAt(Date.now() + this.refreshDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.alarm.cancel();
    this.pause.cancel();
    await this.running;
  }

  /** Claims and works off one batch; returns how many jobs it claimed. */
  async runOnce(): Promise<RefreshOutcome> {
    const claimed = await this.database.systemTx((tx) =>
      this.queue.claim(tx, this.batchSize, this.leaseSeconds),
    );
    const outcome: RefreshOutcome = {
      claimed: claimed.length,
      documentsWritten: 0,
      embedded: 0,
      deleted: 0,
      requeued: 0,
    };
    const byTenant = new Map<string, ClaimedJob[]>();
    for (const job of claimed) byTenant.set(job.tenantId, [...(byTenant.get(job.tenantId) ?? []), job]);
    let failure: unknown;
    for (const [tenantId, jobs] of byTenant) {
      try {
        const done = await this.refreshTenant(tenantId, jobs);
        outcome.documentsWritten += done.documentsWritten;
        outcome.embedded += done.embedded;
        outcome.deleted += done.deleted;
        outcome.requeued += done.requeued;
      } catch (error) {
        // The failed jobs stay leased and are retried when the lease ends; other tenants go on.
        failure ??= error;
        this.logger.error(
          { err: error, tenantId, jobs: jobs.length },
          'Refreshing profile search documents failed',
        );
      }
    }
    if (failure !== undefined) throw failure;
    return outcome;
  }

  private async refreshTenant(
    tenantId: string,
    jobs: readonly ClaimedJob[],
  ): Promise<Omit<RefreshOutcome, 'claimed'>> {
    const ids = jobs.map((job) => job.profileId);
    const withEmbeddings = this.vectors !== null;
    const { inputs, stored } = await this.database.tenantTx(tenantId, async (tx) => ({
      inputs: await this.documents.readInputs(tx, ids, DEFAULT_PROFILE_DOCUMENT_LIMITS.maxEvents),
      stored: await this.documents.storedState(tx, ids, withEmbeddings),
    }));

    const gone = ids.filter((id) => !inputs.has(id));
    const documentWrites: DocumentWrite[] = [];
    const toEmbed: DocumentWrite[] = [];
    const emptied: string[] = [];
    for (const [profileId, input] of inputs) {
      const document = buildProfileDocument(input);
      const documentHash = createHash('sha256').update(document).digest('hex');
      const before = stored.get(profileId);
      const write = { profileId, document, documentHash };
      if (before?.documentHash !== documentHash) documentWrites.push(write);
      if (!this.vectors) continue;
      if (document === '') {
        if (before?.embeddedHash) emptied.push(profileId);
      } else if (
        before?.embeddedHash !== documentHash ||
        before.embeddedModel !== this.vectors.provider.model
      ) {
        toEmbed.push(write);
      }
    }

    // Outside any transaction: this may be a remote call. If it fails, documents are stored anyway
    // (full-text search stays fresh) and the jobs needing a vector stay leased, to be retried.
    let embeddingWrites: EmbeddingWrite[] = [];
    let embedFailure: unknown;
    try {
      embeddingWrites = await this.embed(toEmbed);
    } catch (error) {
      embedFailure = error;
    }
    const unembedded = new Set(embedFailure === undefined ? [] : toEmbed.map((write) => write.profileId));

    const outcome = await this.database.tenantTx(tenantId, async (tx) => {
      const current = await this.queue.lockClaimed(tx, jobs);
      const isCurrent = (profileId: string) => current.has(profileId);
      const deleted = gone.filter(isCurrent);
      const documentsWritten = documentWrites.filter((write) => isCurrent(write.profileId));
      await this.documents.upsertDocuments(tx, tenantId, documentsWritten);
      const embedded = embeddingWrites.filter((write) => isCurrent(write.profileId));
      if (this.vectors) {
        const { provider, support } = this.vectors;
        await this.documents.upsertEmbeddings(tx, tenantId, provider.model, support.dimensions, embedded);
        await this.documents.deleteEmbeddings(tx, emptied.filter(isCurrent));
      }
      await this.documents.deleteDocuments(tx, deleted, withEmbeddings);
      await this.queue.complete(
        tx,
        tenantId,
        [...current].filter((id) => !unembedded.has(id)),
      );
      const requeued = ids.filter((id) => !isCurrent(id));
      await this.queue.release(tx, tenantId, requeued);
      return {
        documentsWritten: documentsWritten.length,
        embedded: embedded.length,
        deleted: deleted.length,
        requeued: requeued.length,
      };
    });
    if (embedFailure !== undefined) throw embedFailure;
    return outcome;
  }

  private async embed(documents: readonly DocumentWrite[]): Promise<EmbeddingWrite[]> {
    if (!this.vectors || documents.length === 0) return [];
    const { provider, support } = this.vectors;
    const vectors = await provider.embed(documents.map((document) => document.document));
    if (vectors.length !== documents.length) {
      throw new Error(
        `${provider.model} returned ${vectors.length} embeddings for ${documents.length} texts`,
      );
    }
    return documents.map((document, index) => {
      const vector = vectors[index]!;
      if (vector.length !== support.dimensions) {
        throw new Error(
          `${provider.model} returned ${vector.length} dimensions, the column holds ${support.dimensions}`,
        );
      }
      return {
        profileId: document.profileId,
        documentHash: document.documentHash,
        vector: toVectorLiteral(vector),
      };
    });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let claimed = 0;
      try {
        claimed = (await this.runOnce()).claimed;
        failures = 0;
      } catch (error) {
        failures += 1;
        this.logger.error({ err: error, failures }, 'Profile embedding batch failed; retrying with backoff');
      }
      if (this.stopped) break;
      if (failures > 0) {
        await this.sleep(Math.min(MAX_BACKOFF_MS, this.pollIntervalMs * 2 ** failures));
        continue;
      }
      if (claimed >= this.batchSize) continue; // a backlog: straight on
      await this.alarm.sleepUntil(await this.nextLook(claimed));
      // Every round costs a dozen round trips whatever its size; under a steady stream of changes jobs
      // fall due faster than rounds finish, so gather them for a moment (search is refreshed
      // asynchronously anyway) instead of running a round for every few profiles.
      if (!this.stopped && claimed > 0 && this.settleMs > 0) await this.sleep(this.settleMs);
    }
  }

  /**
   * When to look again (epoch ms): when the next queued job falls due, and at the latest after the
   * poll interval (jobs requested later by this process are announced by `kick`). A job that is due
   * but was not claimed is held by another transaction for a moment: look again shortly, not at once.
   */
  private async nextLook(claimed: number): Promise<number> {
    const now = Date.now();
    // A database that is down is reported by the next round.
    const untilDue = await this.database.systemTx((tx) => this.queue.untilNextDue(tx)).catch(() => null);
    const wait =
      untilDue === null ? this.pollIntervalMs : Math.max(untilDue, claimed === 0 ? BUSY_JOB_RETRY_MS : 0);
    return now + Math.min(this.pollIntervalMs, wait);
  }

  /** Waits `ms` whatever the kicks (stop still ends it). */
  private sleep(ms: number): Promise<void> {
    return this.pause.sleepUntil(Date.now() + ms);
  }
}
