import type { Profile } from './customers-api.ts';
import { RelativeTime } from './RelativeTime.tsx';

/** The profile's vital numbers in one line under the header. */
export function ProfileStats({ profile }: { profile: Profile }) {
  return (
    <dl className="cdp-stats">
      <div>
        <dt>First seen</dt>
        <dd>
          <RelativeTime iso={profile.firstSeenAt} />
        </dd>
      </div>
      <div>
        <dt>Last seen</dt>
        <dd>
          <RelativeTime iso={profile.lastSeenAt} />
        </dd>
      </div>
      <div>
        <dt>Events</dt>
        <dd>{profile.eventCount.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Profile ID</dt>
        <dd>
          <code className="cdp-code">{profile.id}</code>
        </dd>
      </div>
    </dl>
  );
}
