// Reads of the 15-minute interval rollups (site_interval) of one site-local day.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { siteInterval } from '../schema';

/** The stored intervals (only those with calls) of the given sites on one site-local day. */
export async function listSiteIntervals(db: Db, args: { siteIds: number[]; day: string }) {
  if (args.siteIds.length === 0) return [];
  return db
    .select()
    .from(siteInterval)
    .where(and(inArray(siteInterval.siteId, args.siteIds), eq(siteInterval.day, args.day)))
    .orderBy(asc(siteInterval.siteId), asc(siteInterval.startsAt));
}

export type SiteIntervalRead = Awaited<ReturnType<typeof listSiteIntervals>>[number];

/**
 * The stored intervals of several (site, site-local day) pairs at once: the "today" views read
 * each site's own local day and the same weekday a week before, which differ from site to site.
 */
export async function listSiteIntervalsOfDays(db: Db, pairs: readonly { siteId: number; day: string }[]) {
  if (pairs.length === 0) return [];
  const siteIds = [...new Set(pairs.map((p) => p.siteId))];
  const days = [...new Set(pairs.map((p) => p.day))];
  const wanted = new Set(pairs.map((p) => `${p.siteId}|${p.day}`));
  const rows = await db
    .select()
    .from(siteInterval)
    .where(and(inArray(siteInterval.siteId, siteIds), inArray(siteInterval.day, days)))
    .orderBy(asc(siteInterval.siteId), asc(siteInterval.startsAt));
  // A handful of days × sites: the cross product the IN lists allow is trimmed here.
  return rows.filter((r) => wanted.has(`${r.siteId}|${r.day}`));
}
