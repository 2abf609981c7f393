import type { MailboxMessage } from '@orchestrator/shared/contracts';

export const DEFAULT_MAILBOX_CAPACITY = 500;

/** What a sender hands over; the mailbox stamps `id` and `receivedAt` unless given. */
export type IncomingMail = Omit<MailboxMessage, 'id' | 'receivedAt'> & { id?: string; receivedAt?: string };

/**
 * Every e-mail the suite "sends" in local mode and tests, kept in memory like MailHog instead of
 * being delivered. Capped so a long-running local process cannot grow without bound: the oldest go first.
 */
export class Mailbox {
  /** Oldest first, so trimming to capacity is a shift. */
  readonly #messages: MailboxMessage[] = [];

  constructor(readonly capacity: number = DEFAULT_MAILBOX_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive whole number');
  }

  add(mail: IncomingMail): MailboxMessage {
    const message: MailboxMessage = {
      id: mail.id ?? crypto.randomUUID(),
      from: mail.from,
      to: [...mail.to],
      subject: mail.subject,
      ...(mail.text !== undefined ? { text: mail.text } : {}),
      ...(mail.html !== undefined ? { html: mail.html } : {}),
      receivedAt: mail.receivedAt ?? new Date().toISOString(),
    };
    this.#messages.push(message);
    while (this.#messages.length > this.capacity) this.#messages.shift();
    return { ...message, to: [...message.to] };
  }

  /** Newest first; `to` keeps only messages addressed to that recipient (case-insensitive). */
  list(filter: { to?: string; limit?: number } = {}): MailboxMessage[] {
    const recipient = filter.to?.toLowerCase();
    const matching = this.#messages
      .filter((message) => recipient === undefined || message.to.some((to) => addressOf(to) === recipient))
      .reverse();
    return matching
      .slice(0, filter.limit ?? matching.length)
      .map((message) => ({ ...message, to: [...message.to] }));
  }

  get(id: string): MailboxMessage | undefined {
    const message = this.#messages.find((candidate) => candidate.id === id);
    return message ? { ...message, to: [...message.to] } : undefined;
  }

  clear(): void {
    this.#messages.length = 0;
  }

  get size(): number {
    return this.#messages.length;
  }
}

/** `Ada <ada@example.com>` → `ada@example.com`. */
function addressOf(recipient: string): string {
  const bracketed = /<([^>]+)>/.exec(recipient);
  return (bracketed?.[1] ?? recipient).trim().toLowerCase();
}
