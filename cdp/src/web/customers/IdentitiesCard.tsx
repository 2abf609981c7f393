import { Card } from '@orchestrator/shared/ui';
import type { Profile } from './customers-api.ts';
import { IdentityTypeBadge } from './IdentityTypeBadge.tsx';
import { identitiesByType } from './profile-display.ts';

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
                <IdentityTypeBadge type={type} />
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
