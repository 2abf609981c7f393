import type { MailboxMessage } from '@orchestrator/shared/contracts';
import { formatReceivedShort } from './format-received-at.ts';

export interface MailboxMessageListProps {
  messages: readonly MailboxMessage[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The messages, newest first; each one is a button so the list works with Tab and Enter. */
export function MailboxMessageList({ messages, selectedId, onSelect }: MailboxMessageListProps) {
  return (
    <ul className="mailbox__list" aria-label="Messages">
      {messages.map((message) => (
        <li key={message.id}>
          <button
            type="button"
            className="mailbox__item"
            aria-current={message.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(message.id)}
          >
            <span className="mailbox__item-top">
              <span className="mailbox__item-to">To {message.to.join(', ')}</span>
              <time className="mailbox__item-time" dateTime={message.receivedAt}>
                {formatReceivedShort(message.receivedAt)}
              </time>
            </span>
            <span className="mailbox__item-subject">{message.subject || '(no subject)'}</span>
            <span className="mailbox__item-from">From {message.from}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
