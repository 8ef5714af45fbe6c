// Daily reports: filing and amending them, HQ's acknowledgement, and the reads behind the inbox,
// a site's history and report compliance.
import { and, asc, between, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { rowsOf } from '../client';
import { dailyReports, users, type DailyReport, type ReportIncident } from '../schema';

export type ReportValues = {
  siteId: number;
  day: string;
  scheduledAgents: number;
  presentAgents: number;
  leavers: number;
  incidents: ReportIncident[];
  highlights: string;
  blockers: string;
};

/**
 * Files a report, or amends the one already filed for that site and day while HQ has not
 * acknowledged it. The first submission's time and author stay; the amendment moves updatedAt.
 * Null when an acknowledged report is in the way. One statement, so two concurrent submissions
 * of the same day both land (the later amends) instead of one failing on the key.
 */
export async function upsertDailyReport(
  db: Db,
  values: ReportValues,
  at: Date,
  submittedBy: string,
): Promise<{ report: DailyReport; inserted: boolean } | null> {
  const [row] = await db
    .insert(dailyReports)
    .values({ ...values, submittedAt: at, updatedAt: at, submittedBy })
    .onConflictDoUpdate({
      target: [dailyReports.siteId, dailyReports.day],
      set: {
        scheduledAgents: values.scheduledAgents,
        presentAgents: values.presentAgents,
        leavers: values.leavers,
        incidents: values.incidents,
        highlights: values.highlights,
        blockers: values.blockers,
        updatedAt: at,
      },
      setWhere: isNull(dailyReports.acknowledgedAt),
    })
    // xmax is 0 on a freshly inserted row and set on one the conflict clause updated.
    .returning({ ...getTableColumns(dailyReports), inserted: sql<boolean>`(xmax = 0)` });
  if (!row) return null;
  const { inserted, ...report } = row;
  return { report, inserted };
}

export async function findDailyReport(db: Db, siteId: number, day: string): Promise<DailyReport | null> {
  const [row] = await db
    .select()
    .from(dailyReports)
    .where(and(eq(dailyReports.siteId, siteId), eq(dailyReports.day, day)))
    .limit(1);
  return row ?? null;
}

/** Acknowledges a report (the first acknowledgement's time stays) and sets or keeps HQ's comment. */
export async function acknowledgeDailyReport(
  db: Db,
  args: { siteId: number; day: string; at: Date; by: number | null; comment: string | null | undefined },
): Promise<DailyReport | null> {
  const [row] = await db
    .update(dailyReports)
    .set({
      acknowledgedAt: sql`coalesce(${dailyReports.acknowledgedAt}, ${args.at.toISOString()}::timestamptz)`,
      acknowledgedBy: args.by,
      ...(args.comment !== undefined ? { hqComment: args.comment } : {}),
    })
    .where(and(eq(dailyReports.siteId, args.siteId), eq(dailyReports.day, args.day)))
    .returning();
  return row ?? null;
}

export type ReportRow = DailyReport & { acknowledgedByName: string | null };

const reportColumns = {
  siteId: dailyReports.siteId,
  day: dailyReports.day,
  scheduledAgents: dailyReports.scheduledAgents,
  presentAgents: dailyReports.presentAgents,
  leavers: dailyReports.leavers,
  incidents: dailyReports.incidents,
  highlights: dailyReports.highlights,
  blockers: dailyReports.blockers,
  submittedAt: dailyReports.submittedAt,
  submittedBy: dailyReports.submittedBy,
  updatedAt: dailyReports.updatedAt,
  acknowledgedAt: dailyReports.acknowledgedAt,
  acknowledgedBy: dailyReports.acknowledgedBy,
  hqComment: dailyReports.hqComment,
  acknowledgedByName: users.name,
};

/** Reports of the given sites, each on its own day (site id → day). */
export async function listReportsForSiteDays(db: Db, siteDays: { siteId: number; day: string }[]): Promise<ReportRow[]> {
  if (siteDays.length === 0) return [];
  const pairs = sql.join(
    siteDays.map((p) => sql`(${p.siteId}::int, ${p.day}::date)`),
    sql`, `,
  );
  return db
    .select(reportColumns)
    .from(dailyReports)
    .leftJoin(users, eq(users.id, dailyReports.acknowledgedBy))
    .where(sql`(${dailyReports.siteId}, ${dailyReports.day}) in (${pairs})`)
    .orderBy(asc(dailyReports.siteId));
}

/** One site's reports over a range of its days, latest first. */
export async function listSiteReports(db: Db, siteId: number, from: string, to: string): Promise<ReportRow[]> {
  return db
    .select(reportColumns)
    .from(dailyReports)
    .leftJoin(users, eq(users.id, dailyReports.acknowledgedBy))
    .where(and(eq(dailyReports.siteId, siteId), between(dailyReports.day, from, to)))
    .orderBy(desc(dailyReports.day));
}

export type ComplianceRow = {
  siteId: number;
  /** The first day the site took part (see below): no report is expected before it. */
  takesPartFrom: string;
  expected: number;
  onTime: number;
  late: number;
  missing: number;
};

/**
 * Report compliance parts per site over a range of site-local days, as of `now`. A day is
 * expected once its deadline (the site's deadline minute on that local day, in its time zone)
 * has passed, or earlier when its report is already in; on time = first submitted by the deadline.
 * Days before the site took part are not expected: before the earliest of its creation day, its
 * first report and its first day of calls (a site added today owes nothing for last month). A
 * site with no day of the range left is absent from the answer.
 */
export async function sumReportCompliance(db: Db, args: { siteIds: number[]; from: string; to: string; now: Date }): Promise<ComplianceRow[]> {
  if (args.siteIds.length === 0) return [];
  const ids = sql.join(
    args.siteIds.map((id) => sql`${id}::int`),
    sql`, `,
  );
  const now = sql`${args.now.toISOString()}::timestamptz`;
  const result = await db.execute(sql`
    select s.id as "siteId",
      to_char(f.first_day, 'YYYY-MM-DD') as "takesPartFrom",
      count(*) filter (where g.deadline < ${now} or r.site_id is not null)::int as expected,
      count(r.site_id) filter (where r.submitted_at <= g.deadline)::int as "onTime",
      count(r.site_id) filter (where r.submitted_at > g.deadline)::int as late,
      count(*) filter (where g.deadline < ${now} and r.site_id is null)::int as missing
    from sites s
    cross join lateral (
      select least(
        (s.created_at at time zone s.timezone)::date,
        (select min(day) from daily_reports where site_id = s.id),
        (select min(day) from site_day where site_id = s.id)
      ) as first_day
    ) f
    cross join lateral (
      select d::date as day, (d::date::timestamp + s.report_deadline_minute * interval '1 minute') at time zone s.timezone as deadline
      from generate_series(greatest(${args.from}::date, f.first_day), ${args.to}::date, interval '1 day') d
    ) g
    left join daily_reports r on r.site_id = s.id and r.day = g.day
    where s.id in (${ids})
    group by s.id, f.first_day
    order by s.id
  `);
  return rowsOf<ComplianceRow>(result).map((r) => ({
    siteId: Number(r.siteId),
    takesPartFrom: r.takesPartFrom,
    expected: Number(r.expected),
    onTime: Number(r.onTime),
    late: Number(r.late),
    missing: Number(r.missing),
  }));
}

/** The deadline instants PostgreSQL computes, for checking them against the application's. */
export async function reportDeadlinesInDatabase(db: Db, siteId: number, days: string[]): Promise<{ day: string; deadlineMs: number }[]> {
  const list = sql.join(
    days.map((d) => sql`(${d}::date)`),
    sql`, `,
  );
  const result = await db.execute(sql`
    select to_char(v.day, 'YYYY-MM-DD') as day,
      (extract(epoch from (v.day::timestamp + s.report_deadline_minute * interval '1 minute') at time zone s.timezone) * 1000)::float8 as "deadlineMs"
    from sites s cross join (values ${list}) as v(day)
    where s.id = ${siteId}
    order by v.day
  `);
  return rowsOf<{ day: string; deadlineMs: number }>(result).map((r) => ({ day: r.day, deadlineMs: Number(r.deadlineMs) }));
}
