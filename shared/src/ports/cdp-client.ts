import type { Tx } from './database.ts';

/** A Segment-shaped message as the suite's own modules emit it (see the CDP's event contracts). */
export interface CdpMessage {
  type: 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias';
  messageId: string;
  userId?: string;
  anonymousId?: string;
  event?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
  timestamp?: string;
}

/** How modules send events to the CDP: written in the caller's transaction, delivered after it commits. */
export interface CdpClient {
  enqueue(tx: Tx, tenantId: string, messages: readonly CdpMessage[]): Promise<void>;
}
