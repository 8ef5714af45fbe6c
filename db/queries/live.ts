// Reads of the live wallboard: the sites with what a tile needs, and the call sums of the day so
// far (or the last 24 hours) from the 15-minute interval rollups. A snapshot reads every site in
// one query per table, never one query per site.
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { siteFeeds, siteInterval, sites } from '../schema';

/** The sites of a wallboard (null: every active site), with their feed's last push. */
export async function listLiveSites(db: Db, siteIds: readonly number[] | null) {
  if (siteIds !== null && siteIds.length === 0) return [];
  return db
    .select({
      id: sites.id,
      code: sites.code,
      name: sites.name,
      timezone: sites.timezone,
      active: sites.active,
      liveWindow: sites.liveWindow,
      lastPushAt: siteFeeds.lastPushAt,
    })
    .from(sites)
    .leftJoin(siteFeeds, eq(siteFeeds.siteId, sites.id))
    .where(siteIds === null ? eq(sites.active, true) : inArray(sites.id, [...siteIds]))
    .orderBy(asc(sites.code));
}

export type LiveSiteRow = Awaited<ReturnType<typeof listLiveSites>>[number];

/** The ids of the given site codes (unknown codes are absent). */
export async function findSiteIdsByCodes(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db.select({ id: sites.id, code: sites.code }).from(sites).where(inArray(sites.code, [...codes]));
}

const intSum = (column: AnyPgColumn) => sql<number>`coalesce(sum(${column}), 0)::int8`.mapWith(Number);
const floatSum = (column: AnyPgColumn) => sql<number>`coalesce(sum(${column}), 0)::float8`.mapWith(Number);

const intervalPartSums = {
  calls: intSum(siteInterval.calls),
  inboundCalls: intSum(siteInterval.inboundCalls),
  shortAbandons: intSum(siteInterval.shortAbandons),
  offered: intSum(siteInterval.offered),
  handled: intSum(siteInterval.handled),
  inboundHandled: intSum(siteInterval.inboundHandled),
  abandoned: intSum(siteInterval.abandoned),
  handleSeconds: floatSum(siteInterval.handleSeconds),
  inboundHandledWaitSeconds: floatSum(siteInterval.inboundHandledWaitSeconds),
  answeredWithinSla: intSum(siteInterval.answeredWithinSla),
  resolvedKnown: intSum(siteInterval.resolvedKnown),
  resolvedTrue: intSum(siteInterval.resolvedTrue),
  csatResponses: intSum(siteInterval.csatResponses),
  csatTop2: intSum(siteInterval.csatTop2),
  csatSum: intSum(siteInterval.csatSum),
};

/**
 * The interval sums of each (site, site-local day) asked for. Sites on different local days are
 * read in one query (site in ids and day in days, a superset the caller narrows to its pairs).
 */
export async function sumIntervalsOfDays(db: Db, pairs: readonly { siteId: number; day: string }[]) {
  if (pairs.length === 0) return [];
  const siteIds = [...new Set(pairs.map((p) => p.siteId))];
  const days = [...new Set(pairs.map((p) => p.day))];
  return db
    .select({ siteId: siteInterval.siteId, day: siteInterval.day, ...intervalPartSums })
    .from(siteInterval)
    .where(and(inArray(siteInterval.siteId, siteIds), inArray(siteInterval.day, days)))
    .groupBy(siteInterval.siteId, siteInterval.day);
}

/** The interval sums of each site over the intervals starting in [from, to]. */
export async function sumIntervalsSince(db: Db, args: { siteIds: readonly number[]; from: Date; to: Date }) {
  if (args.siteIds.length === 0) return [];
  return db
    .select({ siteId: siteInterval.siteId, ...intervalPartSums })
    .from(siteInterval)
    .where(and(inArray(siteInterval.siteId, [...args.siteIds]), gte(siteInterval.startsAt, args.from), lte(siteInterval.startsAt, args.to)))
    .groupBy(siteInterval.siteId);
}

export type IntervalSums = Awaited<ReturnType<typeof sumIntervalsSince>>[number];
