import { Badge, Card } from '@orchestrator/shared/ui';
import type { Profile } from './customers-api.ts';
import { IDENTITY_LABELS, IDENTITY_TONES, identitiesByType } from './profile-display.ts';

/** Every identifier that resolves to this profile, grouped by type. */
export function IdentitiesCard({ profile }: { profile: Profile }) {
  const groups = identitiesByType(profile);
  return (
    <Card title="Identities">
      {groups.length === 0 ? (
        <p className="cdp-muted">No identities.</p>
      ) : (
        <dl className="cdp-identities">
          {groups.map(({ type, values }) => (
            <div key={type} className="cdp-identities__group">
              <dt>
                <Badge tone={IDENTITY_TONES[type]}>{IDENTITY_LABELS[type]}</Badge>
              </dt>
              {values.map((value) => (
                <dd key={value}>
                  <code className="cdp-code">{value}</code>
                </dd>
              ))}
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}
