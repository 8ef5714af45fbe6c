// How fresh a site's feed is: the dashboard flags a site whose system stopped pushing. Silence is
// counted in the site's opening hours only: a feed does not go stale overnight, over a weekend the
// site is closed or on a public holiday, and a site open around the clock is judged on every hour.
import type { Db } from '@/db/client';
import { addDays, localDayOf } from '@/db/local-time';
import { openIntervals, openMillisecondsBetween } from '@/lib/calendar/opening';
import { siteCalendarsBetween, type SiteDays } from '@/server/calendar/opening';

/** Sites push at least once a working day; a feed silent for this many opening hours needs a look. */
export const STALE_FEED_HOURS = 24;
/** How far back opening hours are counted: a feed silent that long with that few opening hours is stale anyway. */
const LOOKBACK_DAYS = 62;

export type FeedStatus = 'fresh' | 'stale' | 'never';

/** `openMsSincePush`: the site's opening time between its last push and now. */
export function feedStatusOf(lastPushAt: Date | null, openMsSincePush: number): FeedStatus {
  if (!lastPushAt) return 'never';
  return openMsSincePush > STALE_FEED_HOURS * 3_600_000 ? 'stale' : 'fresh';
}

/**
 * The feed status of each site at `now`, its silence counted in its calendar's opening hours.
 * A feed silent for longer than LOOKBACK_DAYS is stale whatever the calendar says.
 */
export async function feedStatusesAt(db: Db, feeds: readonly { siteId: number; lastPushAt: Date | null }[], now: Date): Promise<Map<number, FeedStatus>> {
  const answer = new Map<number, FeedStatus>();
  const pushed = feeds.filter((f): f is { siteId: number; lastPushAt: Date } => f.lastPushAt !== null);
  for (const f of feeds) if (f.lastPushAt === null) answer.set(f.siteId, 'never');
  const silences = await openMsSinceLastPush(db, pushed, now);
  for (const f of pushed) answer.set(f.siteId, feedStatusOf(f.lastPushAt, silences.get(f.siteId)!));
  return answer;
}

/**
 * Each site's opening time (ms) between its last push and `now`, by its calendar (what the feed
 * status and the feed-silent alerts judge). A push older than LOOKBACK_DAYS, or a site without a
 * calendar, counts the time elapsed.
 */
export async function openMsSinceLastPush(db: Db, feeds: readonly { siteId: number; lastPushAt: Date }[], now: Date): Promise<Map<number, number>> {
  const answer = new Map<number, number>();
  const lookback = now.getTime() - LOOKBACK_DAYS * 86_400_000;
  const recent = feeds.filter((f) => f.lastPushAt.getTime() >= lookback);
  // A push's local day is at most a day either side of its UTC day.
  const from = recent.map((f) => addDays(f.lastPushAt.toISOString().slice(0, 10), -2)).sort()[0];
  const calendars = from
    ? await siteCalendarsBetween(
        db,
        recent.map((f) => f.siteId),
        from,
        addDays(now.toISOString().slice(0, 10), 1),
      )
    : new Map<number, SiteDays>();
  for (const f of feeds) {
    const calendar = f.lastPushAt.getTime() >= lookback ? calendars.get(f.siteId) : undefined;
    if (!calendar) {
      answer.set(f.siteId, Math.max(0, now.getTime() - f.lastPushAt.getTime()));
      continue;
    }
    const since = localDayOf(f.lastPushAt, calendar.site.timezone);
    const days = calendar.days.filter((d) => d.date >= addDays(since, -1));
    answer.set(f.siteId, openMillisecondsBetween(openIntervals(days, calendar.site.timezone), f.lastPushAt, now));
  }
  return answer;
}
