// The overview's "network at a glance": per site, yesterday's and the last seven days' calls
// from the rollups, and how fresh its feed is.
import type { Db } from '@/db/client';
import { siteGlance } from '@/db/queries/sites';
import type { SiteScope } from '@/server/auth/principal';

/** Sites push at least once a day; a feed silent for longer than this needs a look. */
export const STALE_FEED_HOURS = 24;

export type FeedStatus = 'fresh' | 'stale' | 'never';

export function feedStatusOf(lastPushAt: Date | null, now: Date): FeedStatus {
  if (!lastPushAt) return 'never';
  return now.getTime() - lastPushAt.getTime() > STALE_FEED_HOURS * 3_600_000 ? 'stale' : 'fresh';
}

export type SiteGlance = {
  code: string;
  name: string;
  country: string;
  kind: 'onshore' | 'nearshore' | 'offshore';
  timezone: string;
  yesterday: string;
  handledYesterday: number;
  callsYesterday: number;
  handledLast7Days: number;
  callsLast7Days: number;
  lastPushAt: Date | null;
  /** Seconds since the last accepted push; null when the site never pushed. */
  freshnessSeconds: number | null;
  feedStatus: FeedStatus;
};

export async function glanceAtSites(db: Db, scope: SiteScope, now: Date): Promise<SiteGlance[]> {
  const rows = await siteGlance(db, scope, now);
  return rows.map(({ id: _id, lastPushAtMs, ...row }) => {
    const lastPushAt = lastPushAtMs === null ? null : new Date(lastPushAtMs);
    return {
      ...row,
      lastPushAt,
      freshnessSeconds: lastPushAt ? Math.max(0, Math.round((now.getTime() - lastPushAt.getTime()) / 1000)) : null,
      feedStatus: feedStatusOf(lastPushAt, now),
    };
  });
}
