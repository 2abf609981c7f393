import { Link } from 'react-router-dom';
import { Badge } from '@orchestrator/shared/ui';
import { IDENTITY_PATH } from '../identity/identity-settings-api.ts';
import type { ProfileEvent } from './customers-api.ts';
import { eventTitle, sourceLabel } from './event-title.ts';
import { JsonValue } from './JsonValue.tsx';
import { IDENTITY_LABELS } from './profile-display.ts';
import { RelativeTime } from './RelativeTime.tsx';

/** Why an identifier of the event did not link it (see the Identity page). */
const UNLINKED_REASONS: Record<ProfileEvent['unlinked'][number]['reason'], string> = {
  blocked: 'a blocked placeholder value',
  limit: 'linking it would break an identity limit, such as one user ID per customer',
};

export interface TimelineEventProps {
  event: ProfileEvent;
  sourceNames: ReadonlyMap<string, string>;
}

/** One event of the timeline: what, when and from where, with its data behind a disclosure. */
export function TimelineEvent({ event, sourceNames }: TimelineEventProps) {
  const propertyCount = Object.keys(event.properties).length;
  const traitCount = Object.keys(event.traits).length;
  return (
    <li className="cdp-event">
      <div className="cdp-event__line">
        <Badge tone={event.type === 'track' ? 'accent' : 'neutral'}>{event.type}</Badge>
        <span className="cdp-event__title">{eventTitle(event)}</span>
        <span className="cdp-event__meta">
          <RelativeTime iso={event.timestamp} /> · {sourceLabel(event.sourceId, sourceNames)}
        </span>
      </div>
      {event.unlinked.length > 0 && (
        <p className="cdp-event__unlinked">
          Not linked to this customer:{' '}
          {event.unlinked.map((identifier, index) => (
            <span key={`${identifier.type}:${identifier.value}`}>
              {index > 0 && '; '}
              {IDENTITY_LABELS[identifier.type]} <code className="cdp-code">{identifier.value}</code> (
              {UNLINKED_REASONS[identifier.reason]})
            </span>
          ))}
          . <Link to={IDENTITY_PATH}>How events find their customer</Link>
        </p>
      )}
      {propertyCount + traitCount > 0 && (
        <details className="cdp-event__details">
          <summary>
            {[
              propertyCount > 0 && `${propertyCount} ${propertyCount === 1 ? 'property' : 'properties'}`,
              traitCount > 0 && `${traitCount} ${traitCount === 1 ? 'trait' : 'traits'}`,
            ]
              .filter(Boolean)
              .join(', ')}
          </summary>
          {propertyCount > 0 && <JsonValue value={event.properties} block />}
          {traitCount > 0 && (
            <>
              <p className="cdp-event__label">Traits</p>
              <JsonValue value={event.traits} block />
            </>
          )}
          <p className="cdp-muted cdp-event__ids">
            Message <code className="cdp-code">{event.messageId}</code>
          </p>
        </details>
      )}
    </li>
  );
}
