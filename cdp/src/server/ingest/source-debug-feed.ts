import type { DomainError } from '@orchestrator/shared/errors';
import type { Logger } from '@orchestrator/shared/logging';
import type { RecentLog } from '@orchestrator/shared/ports';
import type { IngestEndpoint } from './read-segment-request.ts';
import type { NormalizedMessage, SourceDebuggerEntry } from '../../contracts/index.ts';

/**
 * The newest messages of a request that the debugger keeps: enough to see an installation work; a
 * batch of hundreds is sampled rather than costing the ingest hundreds of copies.
 */
export const DEBUG_MESSAGES_PER_REQUEST = 20;
/** A refused body is kept up to this many characters of its JSON. */
const MAX_REFUSED_BODY_CHARACTERS = 8 * 1024;

/** An entry as kept in the RecentLog: the debugger's entry before the message's outcome is looked up. */
export type DebugFeedEntry = Omit<SourceDebuggerEntry, 'outcome'>;

const keyOf = (sourceId: string) => `cdp-source:${sourceId}`;

/**
 * What each source sent lately, for its debugger: the ingest notes accepted messages (a sample of
 * each request) and refused requests with their reason, in the RecentLog, after answering. Noting and
 * forgetting never fail (a failure is logged): a slow or failing log never delays or fails the ingest
 * or an erasure.
 */
export class SourceDebugFeed {
  constructor(
    private readonly log: RecentLog,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  accepted(
    sourceId: string,
    receivedAt: Date,
    endpoint: IngestEndpoint,
    messages: readonly NormalizedMessage[],
  ): Promise<void> {
    const at = receivedAt.toISOString();
    const entries = messages.slice(-DEBUG_MESSAGES_PER_REQUEST).map((message) =>
      JSON.stringify({
        receivedAt: at,
        status: 'accepted',
        endpoint,
        messageId: message.messageId,
        type: message.type,
        name: nameOf(message),
        userId: message.userId ?? null,
        anonymousId: message.anonymousId ?? null,
        reason: null,
        errors: [],
        payload: message,
      } satisfies DebugFeedEntry),
    );
    return this.note(sourceId, entries);
  }

  refused(
    sourceId: string,
    receivedAt: Date,
    endpoint: IngestEndpoint,
    error: DomainError,
    body: unknown,
  ): Promise<void> {
    const entry: DebugFeedEntry = {
      receivedAt: receivedAt.toISOString(),
      status: 'refused',
      endpoint,
      messageId: null,
      type: null,
      name: null,
      userId: null,
      anonymousId: null,
      reason: error.message,
      errors: error.fieldErrors ?? [],
      payload: clippedBody(body),
    };
    return this.note(sourceId, [JSON.stringify(entry)]);
  }

  /**
   * Empties the debuggers of these sources (a person erased may be among their entries; a list not
   * cleared goes a day after its last entry anyway).
   */
  async forget(sourceIds: readonly string[]): Promise<void> {
    for (const sourceId of new Set(sourceIds)) {
      await this.log
        .clear(keyOf(sourceId))
        .catch((error: unknown) =>
          this.logger.warn(
            { err: error, sourceId },
            'a source debugger could not be emptied after an erasure',
          ),
        );
    }
  }

  private async note(sourceId: string, entries: string[]): Promise<void> {
    await this.log
      .push(keyOf(sourceId), entries)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, sourceId }, 'the source debugger missed a request'),
      );
  }

  async recent(sourceId: string, limit: number): Promise<DebugFeedEntry[]> {
    const entries = await this.log.recent(keyOf(sourceId), limit);
    return entries.map((entry) => JSON.parse(entry) as DebugFeedEntry);
  }
}

function nameOf(message: NormalizedMessage): string | null {
  if (message.type === 'track') return message.event;
  if (message.type === 'page' || message.type === 'screen') return message.name ?? null;
  if (message.type === 'group') return message.groupId;
  return null;
}

/** The body as sent, or its first characters when it is large (or not JSON at all). */
function clippedBody(body: unknown): unknown {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (text === undefined) return null;
  if (text.length <= MAX_REFUSED_BODY_CHARACTERS) return body;
  return { truncated: true, preview: text.slice(0, MAX_REFUSED_BODY_CHARACTERS) };
}
