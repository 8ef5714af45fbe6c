// How fresh a site's feed is: the dashboard flags a site whose system stopped pushing. Silence is
// counted in the site's opening hours only: a feed does not go stale overnight, over a weekend the
// site is closed or on a public holiday, and a site open around the clock is judged on every hour.
import type { Db } from '@/db/client';
import { addDays, localDayOf } from '@/db/local-time';
import { openIntervals, openMillisecondsBetween } from '@/lib/calendar/opening';
import { siteCalendarsBetween } from '@/server/calendar/opening';

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
  const pushed = feeds.filter((f) => f.lastPushAt !== null);
  for (const f of feeds) if (f.lastPushAt === null) answer.set(f.siteId, 'never');
  if (pushed.length === 0) return answer;
  const utcToday = now.toISOString().slice(0, 10);
  const from = addDays(utcToday, -LOOKBACK_DAYS - 1);
  const calendars = await siteCalendarsBetween(
    db,
    pushed.map((f) => f.siteId),
    from,
    addDays(utcToday, 1),
  );
  for (const f of pushed) {
    const lastPushAt = f.lastPushAt!;
    const calendar = calendars.get(f.siteId);
    if (!calendar || lastPushAt.getTime() < now.getTime() - LOOKBACK_DAYS * 86_400_000) {
      answer.set(f.siteId, feedStatusOf(lastPushAt, now.getTime() - lastPushAt.getTime()));
      continue;
    }
    const since = localDayOf(lastPushAt, calendar.site.timezone);
    const days = calendar.days.filter((d) => d.date >= addDays(since, -1));
    answer.set(f.siteId, feedStatusOf(lastPushAt, openMillisecondsBetween(openIntervals(days, calendar.site.timezone), lastPushAt, now)));
  }
  return answer;
}
