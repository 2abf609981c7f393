import { Link } from 'react-router-dom';
import { Alert, Badge, EmptyState } from '@orchestrator/shared/ui';
import { customerPath } from './customers-api.ts';
import { profileDisplayName, profileEmail } from './profile-display.ts';
import type { ProfileSearchResponse } from './semantic-search-api.ts';
import { MATCH_LABELS, formatScore, formatSimilarity } from './semantic-search-display.ts';

export interface SemanticSearchResultsProps {
  /** The description these results answer. */
  query: string;
  answer: ProfileSearchResponse;
}

/** Customers ranked by how well they fit a description, each with why it matched, linking to the profile. */
export function SemanticSearchResults({ query, answer }: SemanticSearchResultsProps) {
  return (
    <div className="cdp-semantic__answer">
      {answer.notice && (
        <Alert title={answer.mode === 'text' ? 'Matching words only' : undefined}>{answer.notice}</Alert>
      )}
      {answer.items.length === 0 ? (
        <EmptyState
          headingLevel={3}
          title={`No customers fit “${query}”`}
          description="Try other words: a topic, a product, a page or something customers did."
        />
      ) : (
        <ol className="cdp-semantic__results" aria-label={`Customers that fit “${query}”`}>
          {answer.items.map((hit, index) => {
            const name = profileDisplayName(hit.profile);
            const email = profileEmail(hit.profile);
            const similarity = formatSimilarity(hit.similarity);
            return (
              <li key={hit.profile.id} className="cdp-semantic__result">
                <span className="cdp-semantic__rank" aria-hidden="true">
                  {index + 1}
                </span>
                <div className="cdp-semantic__who">
                  <Link to={customerPath(hit.profile.id)}>{name}</Link>
                  {email && email !== name && <span className="cdp-muted">{email}</span>}
                </div>
                <div className="cdp-semantic__why">
                  {hit.matchedBy.map((source) => (
                    <Badge key={source} tone={source === 'vector' ? 'accent' : 'info'}>
                      {MATCH_LABELS[source]}
                    </Badge>
                  ))}
                  {similarity && <span className="cdp-muted">{similarity}</span>}
                  <span className="cdp-muted" title="Reciprocal rank fusion score: higher fits better">
                    score {formatScore(hit.score)}
                  </span>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
