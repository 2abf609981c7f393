import { ProfileSegmentsCard } from '../segments/ProfileSegmentsCard.tsx';

/** The segments a customer is in and was in (see segments/ProfileSegmentsCard.tsx). */
export function SegmentsCard({ profileId }: { profileId: string }) {
  return <ProfileSegmentsCard profileId={profileId} />;
}
