import { useId } from 'react';
import { Button, Dialog } from '@orchestrator/shared/ui';
import type { PublishResponse } from '../../contracts/index.ts';
import { CopyButton } from '../common/CopyButton.tsx';
import { embedSnippets } from './embed-snippets.ts';
import { SnippetBlock } from './SnippetBlock.tsx';

export interface PublishDialogProps {
  published: PublishResponse | undefined;
  title: string;
  onClose: () => void;
}

/** After publishing: the public link, the version respondents now get, and the embed snippets. */
export function PublishDialog({ published, title, onClose }: PublishDialogProps) {
  const linkId = useId();
  return (
    <Dialog
      open={published !== undefined}
      onClose={onClose}
      title={published ? `Version ${published.version} is live` : 'Published'}
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      {published && (
        <div className="forms-publish">
          <p>
            Respondents who open the link now get version {published.version}. Anyone already filling in an
            earlier version finishes on that one.
          </p>
          <div className="ui-field">
            <label className="ui-field__label" htmlFor={linkId}>
              Public link
            </label>
            <div className="forms-publish__link">
              <input
                id={linkId}
                className="ui-input"
                readOnly
                value={published.url}
                onFocus={(event) => event.target.select()}
              />
              <CopyButton text={published.url} what="Public link" />
              <a
                className="ui-button ui-button--secondary ui-button--sm"
                href={published.url}
                target="_blank"
                rel="noreferrer"
              >
                Open<span className="ui-visually-hidden"> the public form in a new tab</span>
              </a>
            </div>
          </div>
          <h3 className="forms-section-title">Embed on your site</h3>
          {embedSnippets(published.url, published.slug, title).map((snippet) => (
            <SnippetBlock key={snippet.id} snippet={snippet} />
          ))}
        </div>
      )}
    </Dialog>
  );
}
