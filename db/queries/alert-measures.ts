// The reads one alert tick measures its rules from, each for every site at once (never one query
// per rule and site): call sums over a trailing window from the raw records, the site-local days'
// queue rollups, site-scope QA evaluations. Call sums use the rollups' own expressions (CALL_SUMS),
// so a trailing window counts a call as the dashboards do.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { emptyParts, PART_COLUMNS, type KpiParts, type PartKey } from '@/lib/kpi/definitions';
import { rowsOf, type Db } from '../client';
import { siteFeeds, siteQueueDay, sites } from '../schema';
import { CALL_SUM_COLUMNS, CALL_SUMS } from './ingest/rollups';
import { typedArray } from './ingest/unnest-arrays';

/** The call parts of one queue of one site (the QA parts stay 0). */
export type QueueCallParts = { siteId: number; queue: string; parts: KpiParts };
export type QueueDayParts = QueueCallParts & { day: string };

const CALL_PART_KEYS = (Object.keys(PART_COLUMNS) as PartKey[]).filter((k) => !k.startsWith('qa'));

function partsOfRow(row: Record<string, unknown>): KpiParts {
  const parts = emptyParts();
  for (const key of CALL_PART_KEYS) parts[key] = Number(row[PART_COLUMNS[key]] ?? 0);
  return parts;
}

/**
 * The call sums per site and queue of the calls started in (from, to]. Each site is one probe of
 * the (site_id, started_at) index, kept apart by "offset 0" as the rollups' reads are.
 */
export async function sumCallsStartedBetween(db: Db, args: { siteIds: readonly number[]; from: Date; to: Date }): Promise<QueueCallParts[]> {
  if (args.siteIds.length === 0) return [];
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with r as materialized (
        select s.id as site_id, c.queue, c.local_day as day, c.direction, c.wait_seconds, c.talk_seconds, c.hold_seconds,
               c.wrap_seconds, c.abandoned, c.resolved, c.csat, s.sla_seconds
        from sites s cross join lateral (
          select * from call_records c
          where c.site_id = s.id and c.started_at > ${args.from.toISOString()}::timestamptz and c.started_at <= ${args.to.toISOString()}::timestamptz
          offset 0
        ) c
        where s.id = any(${typedArray([...args.siteIds], 'int4')})
      )
      select * from (select r.site_id, r.queue, ${CALL_SUMS} from r group by r.site_id, r.queue) as t(site_id, queue, ${CALL_SUM_COLUMNS})`),
  );
  return rows.map((row) => ({ siteId: Number(row.site_id), queue: String(row.queue), parts: partsOfRow(row) }));
}

/** The queue rollups of each (site, site-local day) asked for: sites on different local days in one query. */
export async function listQueueDaysOf(db: Db, pairs: readonly { siteId: number; day: string }[]): Promise<QueueDayParts[]> {
  if (pairs.length === 0) return [];
  const wanted = new Set(pairs.map((p) => `${p.siteId}|${p.day}`));
  const rows = await db
    .select()
    .from(siteQueueDay)
    .where(
      and(
        inArray(siteQueueDay.siteId, [...new Set(pairs.map((p) => p.siteId))]),
        inArray(siteQueueDay.day, [...new Set(pairs.map((p) => p.day))]),
      ),
    );
  return rows
    .filter((r) => wanted.has(`${r.siteId}|${r.day}`))
    .map((r) => ({
      siteId: r.siteId,
      day: r.day,
      queue: r.queue,
      parts: {
        ...emptyParts(),
        calls: r.calls,
        inboundCalls: r.inboundCalls,
        shortAbandons: r.shortAbandons,
        offered: r.offered,
        handled: r.handled,
        inboundHandled: r.inboundHandled,
        abandoned: r.abandoned,
        handleSeconds: r.handleSeconds,
        inboundHandledWaitSeconds: r.inboundHandledWaitSeconds,
        answeredWithinSla: r.answeredWithinSla,
        resolvedKnown: r.resolvedKnown,
        resolvedTrue: r.resolvedTrue,
        csatResponses: r.csatResponses,
        csatTop2: r.csatTop2,
        csatSum: r.csatSum,
      },
    }));
}

/** A site's site-scope QA evaluations of a window: what qaScore and qaCriticalFails count. */
export type SiteQaSums = { siteId: number; evaluations: number; scored: number; scoreSum: number; criticalFails: number };

const QA_SUMS = sql`count(*)::int8 as evaluations, count(q.score)::int8 as scored, coalesce(sum(q.score), 0)::float8 as score_sum,
  count(*) filter (where q.critical_failed)::int8 as critical_fails`;

function qaRows(rows: Record<string, unknown>[]): SiteQaSums[] {
  return rows.map((r) => ({
    siteId: Number(r.site_id),
    evaluations: Number(r.evaluations),
    scored: Number(r.scored),
    scoreSum: Number(r.score_sum),
    criticalFails: Number(r.critical_fails),
  }));
}

/** Per site, the site-scope evaluations made in (from, to]. */
export async function sumQaEvaluatedBetween(db: Db, args: { siteIds: readonly number[]; from: Date; to: Date }): Promise<SiteQaSums[]> {
  if (args.siteIds.length === 0) return [];
  return qaRows(
    rowsOf<Record<string, unknown>>(
      await db.execute(sql`
        select q.site_id, ${QA_SUMS}
        from qa_evaluations q
        where q.site_id = any(${typedArray([...args.siteIds], 'int4')}) and q.scope = 'site'
          and q.evaluated_at > ${args.from.toISOString()}::timestamptz and q.evaluated_at <= ${args.to.toISOString()}::timestamptz
        group by q.site_id`),
    ),
  );
}

/** Per site and day, the site-scope evaluations of its own local days (each site's days given). */
export async function sumQaOfDays(db: Db, pairs: readonly { siteId: number; day: string }[]): Promise<(SiteQaSums & { day: string })[]> {
  if (pairs.length === 0) return [];
  return rowsOf<Record<string, unknown>>(
    await db.execute(sql`
        select q.site_id, to_char(w.day, 'YYYY-MM-DD') as day, ${QA_SUMS}
        from unnest(${typedArray(
          pairs.map((p) => p.siteId),
          'int4',
        )}, ${typedArray(
          pairs.map((p) => p.day),
          'date',
        )}) as w(site_id, day)
        join qa_evaluations q on q.site_id = w.site_id and q.local_day = w.day and q.scope = 'site'
        group by q.site_id, w.day`),
  ).map((r) => ({ ...qaRows([r])[0]!, day: String(r.day) }));
}

/** Every site with what the alert metrics read of it: its zone, report deadline, last push and whether its service level leaves out the calls offered out of hours. */
export async function listAlertSites(db: Db) {
  return db
    .select({
      id: sites.id,
      code: sites.code,
      name: sites.name,
      timezone: sites.timezone,
      active: sites.active,
      reportDeadlineMinute: sites.reportDeadlineMinute,
      slExcludesOutOfHours: sites.slExcludesOutOfHours,
      lastPushAt: siteFeeds.lastPushAt,
    })
    .from(sites)
    .leftJoin(siteFeeds, eq(siteFeeds.siteId, sites.id))
    .orderBy(asc(sites.code));
}

export type AlertSite = Awaited<ReturnType<typeof listAlertSites>>[number];
