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
