import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { useApiResource } from '@orchestrator/shared/api-client';
import { Button, Card, ErrorState, LoadingState, TextField } from '@orchestrator/shared/ui';
import { searchProfilesByDescription } from './semantic-search-api.ts';
import { SemanticSearchResults } from './SemanticSearchResults.tsx';
import './semantic-search.css';

const EXAMPLE = 'customers who asked about invoices';

/**
 * "Describe the customers you're looking for": a search by meaning over what customers are and did
 * (tickets, forms, pages, traits), next to the list's search by name or e-mail.
 */
export function SemanticSearchPanel() {
  const [draft, setDraft] = useState('');
  /** The description being answered; empty until the first search. */
  const [submitted, setSubmitted] = useState('');
  const load = useCallback(
    (signal: AbortSignal) =>
      submitted ? searchProfilesByDescription(submitted, signal) : Promise.resolve(undefined),
    [submitted],
  );
  const result = useApiResource(load);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = draft.trim();
    if (!query) return;
    if (query === submitted) result.reload();
    else setSubmitted(query);
  }
  function clear() {
    setDraft('');
    setSubmitted('');
  }

  const searching = submitted !== '' && result.loading;
  return (
    <Card title="Describe the customers you’re looking for" className="cdp-semantic">
      <form
        className="cdp-semantic__form"
        role="search"
        aria-label="Find customers by description"
        onSubmit={submit}
      >
        <TextField
          label="Description"
          type="search"
          placeholder={`e.g. ${EXAMPLE}`}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          maxLength={500}
          autoComplete="off"
        />
        <Button type="submit" variant="primary" loading={searching} disabled={!draft.trim()}>
          Search
        </Button>
        {submitted && (
          <Button variant="ghost" onClick={clear}>
            Clear
          </Button>
        )}
      </form>
      <p className="cdp-muted cdp-semantic__hint">
        Finds customers by meaning and by words, from their traits and what they did lately: tickets, forms,
        pages and events. What a customer does shows up here a few seconds later.
      </p>
      {submitted === '' ? null : searching ? (
        <LoadingState label="Searching customers…" />
      ) : result.error !== null ? (
        <ErrorState error={result.error} onRetry={result.reload} fallbackTitle="Could not search customers" />
      ) : result.data ? (
        <SemanticSearchResults query={submitted} answer={result.data} />
      ) : null}
    </Card>
  );
}
