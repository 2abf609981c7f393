import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { ProfileSearchResponse } from './semantic-search-api.ts';
import { SemanticSearchResults } from './SemanticSearchResults.tsx';

const ann = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  traits: { name: 'Ann Archer', email: 'ann@acme.io' },
  identities: [],
  firstSeenAt: null,
  lastSeenAt: null,
  eventCount: 2,
};

const render = (answer: ProfileSearchResponse) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <SemanticSearchResults query="customers who asked about invoices" answer={answer} />
    </MemoryRouter>,
  );

describe('SemanticSearchResults', () => {
  it('lists ranked customers with why they matched, linking to their profiles', () => {
    const html = render({
      mode: 'hybrid',
      notice: null,
      items: [{ profile: ann, score: 1 / 61 + 1 / 62, matchedBy: ['vector', 'text'], similarity: 0.42 }],
    });
    expect(html).toContain(
      '<ol class="cdp-semantic__results" aria-label="Customers that fit “customers who asked about invoices”">',
    );
    expect(html).toMatch(new RegExp(`<a href="/customers/${ann.id}"[^>]*>Ann Archer</a>`));
    expect(html).toContain('ann@acme.io');
    expect(html).toContain('Similar meaning');
    expect(html).toContain('Matching words');
    expect(html).toContain('42% similar');
    expect(html).toContain('score 0.033');
    expect(html).not.toContain('ui-alert');
  });

  it('says when results come from full text only, and when nothing fits', () => {
    const html = render({ mode: 'text', notice: 'This database has no pgvector.', items: [] });
    expect(html).toContain('Matching words only');
    expect(html).toContain('This database has no pgvector.');
    expect(html).toContain('No customers fit “customers who asked about invoices”');
  });
});
