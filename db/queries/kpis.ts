// KPI reads. Call figures come from the site_day and site_queue_day rollups only, never from
// call_records; QA categories read site_qa_category_day (qa-category-sums.ts). Sums are cast to int8/float8 and mapped to
// numbers so PGlite and postgres.js return the same types.
import { and, asc, between, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { kpiTargets, siteDay, siteFeeds, siteQueueDay, sites, type KpiMetric } from '../schema';
import { categorySumsBy } from './qa-category-sums';

export type SiteIds = number[] | 'all';
export type DayRangeArgs = { from: string; to: string };

const intSum = (column: AnyPgColumn) => sql<number>`coalesce(sum(${column}), 0)::int8`.mapWith(Number);
const floatSum = (column: AnyPgColumn) => sql<number>`coalesce(sum(${column}), 0)::float8`.mapWith(Number);

function callPartSums(t: typeof siteDay | typeof siteQueueDay) {
  return {
    calls: intSum(t.calls),
    inboundCalls: intSum(t.inboundCalls),
    shortAbandons: intSum(t.shortAbandons),
    offered: intSum(t.offered),
    handled: intSum(t.handled),
    inboundHandled: intSum(t.inboundHandled),
    abandoned: intSum(t.abandoned),
    handleSeconds: floatSum(t.handleSeconds),
    inboundHandledWaitSeconds: floatSum(t.inboundHandledWaitSeconds),
    answeredWithinSla: intSum(t.answeredWithinSla),
    resolvedKnown: intSum(t.resolvedKnown),
    resolvedTrue: intSum(t.resolvedTrue),
    csatResponses: intSum(t.csatResponses),
    csatTop2: intSum(t.csatTop2),
    csatSum: intSum(t.csatSum),
  };
}

const siteDayPartSums = {
  ...callPartSums(siteDay),
  qaEvaluations: intSum(siteDay.qaEvaluations),
  qaScoredEvaluations: intSum(siteDay.qaScoredEvaluations),
  qaScoreSum: floatSum(siteDay.qaScoreSum),
};

const siteDayParts = {
  calls: siteDay.calls,
  inboundCalls: siteDay.inboundCalls,
  shortAbandons: siteDay.shortAbandons,
  offered: siteDay.offered,
  handled: siteDay.handled,
  inboundHandled: siteDay.inboundHandled,
  abandoned: siteDay.abandoned,
  handleSeconds: siteDay.handleSeconds,
  inboundHandledWaitSeconds: siteDay.inboundHandledWaitSeconds,
  answeredWithinSla: siteDay.answeredWithinSla,
  resolvedKnown: siteDay.resolvedKnown,
  resolvedTrue: siteDay.resolvedTrue,
  csatResponses: siteDay.csatResponses,
  csatTop2: siteDay.csatTop2,
  csatSum: siteDay.csatSum,
  qaEvaluations: siteDay.qaEvaluations,
  qaScoredEvaluations: siteDay.qaScoredEvaluations,
  qaScoreSum: siteDay.qaScoreSum,
};

function siteFilter(column: AnyPgColumn, siteIds: SiteIds): SQL | undefined {
  return siteIds === 'all' ? undefined : inArray(column, siteIds);
}

/** Per site, the parts summed over the site-local days from..to (both included). */
export async function sumSiteDays(db: Db, args: DayRangeArgs & { siteIds: SiteIds }) {
  if (args.siteIds !== 'all' && args.siteIds.length === 0) return [];
  return db
    .select({ siteId: siteDay.siteId, ...siteDayPartSums })
    .from(siteDay)
    .where(and(siteFilter(siteDay.siteId, args.siteIds), between(siteDay.day, args.from, args.to)))
    .groupBy(siteDay.siteId)
    .orderBy(asc(siteDay.siteId));
}

export type SiteDaySums = Awaited<ReturnType<typeof sumSiteDays>>[number];

/** Per site and site-local day, the parts of that day (days without data are absent). */
export async function dailySeries(db: Db, args: DayRangeArgs & { siteIds: SiteIds }) {
  if (args.siteIds !== 'all' && args.siteIds.length === 0) return [];
  return db
    .select({ siteId: siteDay.siteId, day: siteDay.day, ...siteDayParts })
    .from(siteDay)
    .where(and(siteFilter(siteDay.siteId, args.siteIds), between(siteDay.day, args.from, args.to)))
    .orderBy(asc(siteDay.siteId), asc(siteDay.day));
}

export type SiteDayPoint = Awaited<ReturnType<typeof dailySeries>>[number];

/** One site's call parts per queue over the period, busiest queue first. */
export async function queueBreakdown(db: Db, args: DayRangeArgs & { siteId: number }) {
  return db
    .select({ queue: siteQueueDay.queue, ...callPartSums(siteQueueDay) })
    .from(siteQueueDay)
    .where(and(eq(siteQueueDay.siteId, args.siteId), between(siteQueueDay.day, args.from, args.to)))
    .groupBy(siteQueueDay.queue)
    .orderBy(sql`sum(${siteQueueDay.calls}) desc`, asc(siteQueueDay.queue));
}

export type QueueSums = Awaited<ReturnType<typeof queueBreakdown>>[number];

/**
 * Per site and QA category: the sum of criterion scores as a percentage of their maximum, and
 * how many scores and evaluations went in, over site-scope evaluations whose site-local day is in
 * from..to (site_qa_category_day, kept by ingest). Scores that do not apply (null) are left out;
 * `withoutAwaitingRescore` takes out the evaluations awaiting their blind re-score.
 */
export async function qaByCategory(db: Db, args: DayRangeArgs & { siteIds: SiteIds; withoutAwaitingRescore?: boolean }) {
  const rows = await categorySumsBy<number>(db, (siteId) => siteId, { ...args, siteIds: args.siteIds === 'all' ? null : args.siteIds });
  return rows.map(({ key, ...sums }) => ({ siteId: key, ...sums }));
}

export type QaCategorySums = Awaited<ReturnType<typeof qaByCategory>>[number];

/** Every target: network defaults (siteId null) and per-site overrides. */
export async function listTargets(db: Db) {
  return db
    .select({
      id: kpiTargets.id,
      siteId: kpiTargets.siteId,
      siteCode: sites.code,
      metric: kpiTargets.metric,
      green: kpiTargets.green,
      amber: kpiTargets.amber,
      updatedAt: kpiTargets.updatedAt,
    })
    .from(kpiTargets)
    .leftJoin(sites, eq(sites.id, kpiTargets.siteId))
    .orderBy(asc(kpiTargets.metric), sql`${sites.code} asc nulls first`);
}

export type TargetRow = Awaited<ReturnType<typeof listTargets>>[number];

/** The sites KPI views list, with what a comparison row shows. */
export async function listSitesForKpis(db: Db) {
  return db
    .select({
      id: sites.id,
      code: sites.code,
      name: sites.name,
      country: sites.country,
      kind: sites.kind,
      timezone: sites.timezone,
      slaSeconds: sites.slaSeconds,
      active: sites.active,
      slExcludesOutOfHours: sites.slExcludesOutOfHours,
    })
    .from(sites)
    .orderBy(asc(sites.code));
}

export type KpiSite = Awaited<ReturnType<typeof listSitesForKpis>>[number];

/** When each site's feed last pushed (sites that never pushed are absent). */
export async function listSiteFeeds(db: Db, siteIds: number[]) {
  if (siteIds.length === 0) return [];
  return db
    .select({
      siteId: siteFeeds.siteId,
      lastPushAt: siteFeeds.lastPushAt,
      lastCallPushAt: siteFeeds.lastCallPushAt,
      lastEvaluationPushAt: siteFeeds.lastEvaluationPushAt,
    })
    .from(siteFeeds)
    .where(inArray(siteFeeds.siteId, siteIds));
}

export type SiteFeedRow = Awaited<ReturnType<typeof listSiteFeeds>>[number];

/** One site with everything its page header shows, or null. */
export async function findSiteFacts(db: Db, code: string) {
  const [row] = await db
    .select({
      id: sites.id,
      code: sites.code,
      name: sites.name,
      country: sites.country,
      timezone: sites.timezone,
      languages: sites.languages,
      kind: sites.kind,
      seats: sites.seats,
      slaSeconds: sites.slaSeconds,
      reportDeadlineMinute: sites.reportDeadlineMinute,
      active: sites.active,
      lastPushAt: siteFeeds.lastPushAt,
      lastCallPushAt: siteFeeds.lastCallPushAt,
      lastEvaluationPushAt: siteFeeds.lastEvaluationPushAt,
    })
    .from(sites)
    .leftJoin(siteFeeds, eq(siteFeeds.siteId, sites.id))
    .where(eq(sites.code, code))
    .limit(1);
  return row ?? null;
}

export type SiteFactsRow = NonNullable<Awaited<ReturnType<typeof findSiteFacts>>>;

/** The network default (siteId null) or a site's override of one metric, or null. */
export async function findTarget(db: Db, where: { siteId: number | null; metric: KpiMetric }) {
  const [row] = await db
    .select()
    .from(kpiTargets)
    .where(and(where.siteId === null ? isNull(kpiTargets.siteId) : eq(kpiTargets.siteId, where.siteId), eq(kpiTargets.metric, where.metric)))
    .limit(1);
  return row ?? null;
}

/** Sets a target's bounds, creating the row when the metric has none for that scope. */
export async function upsertTarget(db: Db, values: { siteId: number | null; metric: KpiMetric; green: number; amber: number }) {
  const existing = await findTarget(db, values);
  if (existing) {
    const [row] = await db
      .update(kpiTargets)
      .set({ green: values.green, amber: values.amber, updatedAt: sql`now()` })
      .where(eq(kpiTargets.id, existing.id))
      .returning();
    return { row: row!, previous: existing };
  }
  const [row] = await db.insert(kpiTargets).values(values).returning();
  return { row: row!, previous: null };
}

/** Removes a target; answers the removed row, or null when there was none. */
export async function deleteTarget(db: Db, where: { siteId: number | null; metric: KpiMetric }) {
  const [row] = await db
    .delete(kpiTargets)
    .where(and(where.siteId === null ? isNull(kpiTargets.siteId) : eq(kpiTargets.siteId, where.siteId), eq(kpiTargets.metric, where.metric)))
    .returning();
  return row ?? null;
}
