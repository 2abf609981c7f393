import { useState } from 'react';
import type { MailboxMessage } from '@orchestrator/shared/contracts';
import { emailSrcDoc } from './email-srcdoc.ts';
import { formatReceivedFull } from './format-received-at.ts';

type BodyView = 'html' | 'text';

/** One message: its envelope, then its HTML (sandboxed) or plain-text body. */
export function MailboxMessageView({ message }: { message: MailboxMessage }) {
  const [preferred, setPreferred] = useState<BodyView>('html');
  const hasBoth = message.html !== undefined && message.text !== undefined;
  const view: BodyView =
    message.html === undefined ? 'text' : message.text === undefined ? 'html' : preferred;

  return (
    <article className="mailbox__message" aria-labelledby="mailbox-message-subject">
      <header className="mailbox__message-header">
        <h2 id="mailbox-message-subject" className="mailbox__message-subject">
          {message.subject || '(no subject)'}
        </h2>
        <dl className="mailbox__envelope">
          <dt>From</dt>
          <dd>{message.from}</dd>
          <dt>To</dt>
          <dd>{message.to.join(', ')}</dd>
          <dt>Received</dt>
          <dd>
            <time dateTime={message.receivedAt}>{formatReceivedFull(message.receivedAt)}</time>
          </dd>
        </dl>
        {hasBoth && (
          <div className="mailbox__views" role="group" aria-label="Show body as">
            {(['html', 'text'] as const).map((option) => (
              <button
                key={option}
                type="button"
                className="mailbox__view-button"
                aria-pressed={view === option}
                onClick={() => setPreferred(option)}
              >
                {option === 'html' ? 'HTML' : 'Plain text'}
              </button>
            ))}
          </div>
        )}
      </header>
      {view === 'html' && message.html !== undefined ? (
        <iframe
          className="mailbox__html"
          title={`HTML body of “${message.subject}”`}
          // No scripts, no same-origin access: the e-mail cannot touch the app or its session.
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={emailSrcDoc(message.html)}
        />
      ) : message.text !== undefined ? (
        <pre className="mailbox__text">{message.text}</pre>
      ) : (
        <p className="mailbox__no-body">This message has no body.</p>
      )}
    </article>
  );
}
