import { useId } from 'react';
import { CopyButton } from '../common/CopyButton.tsx';
import type { EmbedSnippet } from './embed-snippets.ts';

/** One embed snippet: what it does, the code, and Copy. */
export function SnippetBlock({ snippet }: { snippet: EmbedSnippet }) {
  const titleId = useId();
  return (
    <section className="forms-snippet" aria-labelledby={titleId}>
      <div className="forms-snippet__header">
        <div>
          <h4 id={titleId} className="forms-snippet__title">
            {snippet.title}
          </h4>
          <p className="forms-muted">{snippet.description}</p>
        </div>
        <CopyButton text={snippet.code} what={`${snippet.title} snippet`} />
      </div>
      <pre className="forms-code-block" tabIndex={0} aria-label={`${snippet.title} snippet`}>
        <code>{snippet.code}</code>
      </pre>
    </section>
  );
}
