import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { isApiProblem, useApiResource } from '@orchestrator/shared/api-client';
import {
  Alert,
  EmptyState,
  ErrorState,
  LoadingState,
  PageHeader,
  useDocumentTitle,
} from '@orchestrator/shared/ui';
import { CUSTOMERS_PATH, customerPath, fetchProfile } from './customers-api.ts';
import { profileDisplayName, profileEmail } from './profile-display.ts';
import { IdentitiesCard } from './IdentitiesCard.tsx';
import { LinkedRecordsCard } from './LinkedRecordsCard.tsx';
import { MergeHistoryCard } from './MergeHistoryCard.tsx';
import { PrivacyCard } from './privacy/PrivacyCard.tsx';
import { ProfileStats } from './ProfileStats.tsx';
import { SegmentsCard } from './SegmentsCard.tsx';
import { TimelineCard } from './TimelineCard.tsx';
import { TraitsCard } from './TraitsCard.tsx';
import './customers.css';

/** Set when we arrive here from the URL of a profile that was merged into this one. */
interface MergedAwayState {
  mergedFrom?: string;
}

const backLink = (
  <Link className="cdp-link-button ui-button ui-button--ghost" to={CUSTOMERS_PATH}>
    ← All customers
  </Link>
);

/** One customer: who they are (traits, identities), what they did (timeline) and how the profile formed. */
export function CustomerDetailPage() {
  const { profileId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const mergedFrom = (location.state as MergedAwayState | null)?.mergedFrom;

  const load = useCallback((signal: AbortSignal) => fetchProfile(profileId, signal), [profileId]);
  const profile = useApiResource(load);
  // Bumped after an undo so the cards that load their own data start over.
  const [version, setVersion] = useState(0);

  const loaded = profile.data?.id === profileId ? profile.data : undefined;
  const survivorId =
    !profile.loading && profile.data && profile.data.id !== profileId ? profile.data.id : null;
  useDocumentTitle(loaded ? `${profileDisplayName(loaded)} · Customers` : 'Customer');

  useEffect(() => {
    // The API answers a merged-away id with the survivor: move to the survivor's own address.
    if (survivorId) navigate(customerPath(survivorId), { replace: true, state: { mergedFrom: profileId } });
  }, [survivorId, profileId, navigate]);

  function afterUndo() {
    profile.reload();
    setVersion((current) => current + 1);
  }

  if (!loaded) {
    if (profile.loading || survivorId) return <LoadingState label="Loading customer…" />;
    // A malformed id (422) finds nothing either.
    if (isApiProblem(profile.error) && (profile.error.status === 404 || profile.error.status === 422)) {
      return (
        <>
          <PageHeader title="Customer not found" actions={backLink} />
          <EmptyState
            title="There is no customer with this address"
            description="The link may be mistyped, or the profile was deleted."
          />
        </>
      );
    }
    return (
      <>
        <PageHeader title="Customer" actions={backLink} />
        <ErrorState
          error={profile.error}
          onRetry={profile.reload}
          fallbackTitle="Could not load the customer"
        />
      </>
    );
  }

  const name = profileDisplayName(loaded);
  const email = profileEmail(loaded);
  return (
    <>
      <PageHeader title={name} description={email && email !== name ? email : undefined} actions={backLink} />
      {mergedFrom && mergedFrom !== loaded.id && (
        <Alert tone="info" title={`This profile was merged into ${name}`}>
          <p>
            The address you opened (profile <code className="cdp-code">{mergedFrom.slice(0, 8)}</code>) now
            belongs to this customer: its identities and events are part of this profile. The merge can be
            undone below, in Merge history.
          </p>
        </Alert>
      )}
      {profile.error !== null && !profile.loading && (
        <Alert tone="danger" title="Could not refresh this customer">
          Showing what loaded before.
        </Alert>
      )}
      <ProfileStats profile={loaded} />
      <div className="cdp-detail">
        <div className="cdp-detail__main">
          <TraitsCard traits={loaded.traits} />
          <TimelineCard key={`timeline-${version}`} profileId={loaded.id} />
        </div>
        <div className="cdp-detail__side">
          <IdentitiesCard profile={loaded} />
          <MergeHistoryCard key={`merges-${version}`} profileId={loaded.id} onUndone={afterUndo} />
          <PrivacyCard key={`privacy-${version}`} profile={loaded} />
          <SegmentsCard key={`segments-${version}`} profileId={loaded.id} />
          <LinkedRecordsCard />
        </div>
      </div>
    </>
  );
}
