import { useId } from 'react';
import { Link } from 'react-router-dom';
import { Button, Dialog } from '@orchestrator/shared/ui';
import type { Source } from '../../contracts/index.ts';
import { CopyButton } from './CopyButton.tsx';
import { sourceSnippets, type SourceSnippet } from './source-snippets.ts';
import { sourceDebuggerPath } from './sources-api.ts';

export interface SourceSnippetsDialogProps {
  source: Source | undefined;
  onClose: () => void;
}

/** Copy-paste code that sends a source's events to this suite from a web page, a server, or curl. */
export function SourceSnippetsDialog({ source, onClose }: SourceSnippetsDialogProps) {
  return (
    <Dialog
      open={source !== undefined}
      onClose={onClose}
      title={source ? `Send events from “${source.name}”` : 'Send events'}
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      {source && (
        <div className="cdp-sources__snippets">
          {!source.enabled && (
            <p className="cdp-sources__note">
              This source is disabled: events sent with its key are refused.
            </p>
          )}
          {sourceSnippets(source.writeKey, window.location.origin).map((snippet) => (
            <SnippetBlock key={snippet.id} snippet={snippet} />
          ))}
          <p className="cdp-sources__note">
            Then watch the events arrive, and see why any are refused, in{' '}
            <Link to={sourceDebuggerPath(source.id)} onClick={onClose}>
              the source’s debugger
            </Link>
            .
          </p>
        </div>
      )}
    </Dialog>
  );
}

function SnippetBlock({ snippet }: { snippet: SourceSnippet }) {
  const titleId = useId();
  return (
    <section className="cdp-sources__snippet" aria-labelledby={titleId}>
      <div className="cdp-sources__snippet-header">
        <div>
          <h3 id={titleId} className="cdp-sources__snippet-title">
            {snippet.title}
          </h3>
          <p className="cdp-sources__note">{snippet.description}</p>
        </div>
        <CopyButton text={snippet.code} what={`${snippet.title} snippet`} />
      </div>
      <pre className="cdp-sources__code" tabIndex={0} aria-label={`${snippet.title} snippet`}>
        <code>{snippet.code}</code>
      </pre>
    </section>
  );
}
