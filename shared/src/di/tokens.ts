import type { Config } from '../config/index.ts';
import type { Outbox, OutboxRelay } from '../bus/index.ts';
import type { Logger } from '../logging/index.ts';
import type { HttpMetrics } from '../metrics/index.ts';
import type {
  AuthProvider,
  CdpClient,
  Clock,
  Database,
  EmailSender,
  EmbeddingProvider,
  EventBus,
  KestraApi,
  LlmProvider,
  RateLimiter,
  RecentLog,
  SocialProviderRegistry,
} from '../ports/index.ts';

/** A service identifier that remembers the type bound to it. */
export type Token<T> = symbol & { readonly __bound?: T };

const token = <T>(name: string): Token<T> => Symbol.for(`orchestrator.${name}`) as Token<T>;

/** What a dev-only mailbox looks like to the host (local mode binds the mock's, staging binds none). */
export interface MailboxReader {
  list(): Array<{
    id: string;
    from: string;
    to: string[];
    subject: string;
    text?: string;
    html?: string;
    receivedAt: string;
  }>;
  clear(): void;
}

/** Every backend port and kernel service the container binds. Business code asks for these, never for classes. */
export const TOKENS = {
  Config: token<Config>('Config'),
  Logger: token<Logger>('Logger'),
  Clock: token<Clock>('Clock'),
  Database: token<Database>('Database'),
  EventBus: token<EventBus>('EventBus'),
  Outbox: token<Outbox>('Outbox'),
  OutboxRelay: token<OutboxRelay>('OutboxRelay'),
  EmailSender: token<EmailSender>('EmailSender'),
  EmbeddingProvider: token<EmbeddingProvider>('EmbeddingProvider'),
  LlmProvider: token<LlmProvider>('LlmProvider'),
  KestraApi: token<KestraApi>('KestraApi'),
  SocialProviders: token<SocialProviderRegistry>('SocialProviders'),
  AuthProvider: token<AuthProvider>('AuthProvider'),
  CdpClient: token<CdpClient>('CdpClient'),
  RateLimiter: token<RateLimiter>('RateLimiter'),
  RecentLog: token<RecentLog>('RecentLog'),
  HttpMetrics: token<HttpMetrics>('HttpMetrics'),
  /** Bound only where a mailbox exists (local mode). */
  Mailbox: token<MailboxReader>('Mailbox'),
} as const;
