// How fresh a site's feed is: the dashboard flags a site whose system stopped pushing.

/** Sites push at least once a day; a feed silent for longer than this needs a look. */
export const STALE_FEED_HOURS = 24;

export type FeedStatus = 'fresh' | 'stale' | 'never';

export function feedStatusOf(lastPushAt: Date | null, now: Date): FeedStatus {
  if (!lastPushAt) return 'never';
  return now.getTime() - lastPushAt.getTime() > STALE_FEED_HOURS * 3_600_000 ? 'stale' : 'fresh';
}
