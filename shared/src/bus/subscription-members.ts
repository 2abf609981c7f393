import type { Subscription } from '../ports/index.ts';

/**
 * Starts a subscription's members one after another (each joins the group, which rebalances) and
 * returns the subscription that stops them all. If one fails to start, those already started are
 * stopped before the error is rethrown, so no member is left consuming on its own.
 */
export async function startSubscriptionMembers<Member>(
  count: number,
  start: () => Promise<Member>,
  stopMember: (member: Member) => Promise<void>,
): Promise<Subscription> {
  const started: Member[] = [];
  const stop = async () => {
    await Promise.all(started.map(stopMember));
  };
  try {
    for (let member = 0; member < Math.max(1, count); member++) started.push(await start());
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  return { stop };
}
