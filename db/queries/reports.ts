// Daily reports: filing and amending them, HQ's acknowledgement, and the reads behind the inbox,
// a site's history and report compliance (counted in lib/kpi/definitions.ts, never in SQL).
import { and, asc, between, desc, eq, getTableColumns, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
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
  /** Hours the site counts as productive that day; null when the report does not say. */
  productiveHours: number | null;
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
        productiveHours: values.productiveHours,
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
  productiveHours: dailyReports.productiveHours,
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

export type ReportingSiteRow = {
  siteId: number;
  timezone: string;
  reportDeadlineMinute: number;
  createdAt: Date;
  /** The day of the site's first report and of its first day of data, YYYY-MM-DD, or null. */
  firstReportDay: string | null;
  firstDataDay: string | null;
};

/**
 * What judges each site's report days (lib/kpi/definitions.ts: reportingFirstDay,
 * countReportDays): its zone and deadline, when it was added, its first report and first day of
 * data. Each min() is one probe of a (site_id, day) primary key.
 */
export async function listReportingSites(db: Db, siteIds: number[]): Promise<ReportingSiteRow[]> {
  if (siteIds.length === 0) return [];
  const result = await db.execute(sql`
    select s.id as "siteId", s.timezone, s.report_deadline_minute as "reportDeadlineMinute", s.created_at as "createdAt",
      (select to_char(min(r.day), 'YYYY-MM-DD') from daily_reports r where r.site_id = s.id) as "firstReportDay",
      (select to_char(min(d.day), 'YYYY-MM-DD') from site_day d where d.site_id = s.id) as "firstDataDay"
    from sites s
    where s.id in (${sql.join(
      siteIds.map((id) => sql`${id}::int`),
      sql`, `,
    )})
    order by s.id
  `);
  return rowsOf<ReportingSiteRow>(result).map((r) => ({
    siteId: Number(r.siteId),
    timezone: r.timezone,
    reportDeadlineMinute: Number(r.reportDeadlineMinute),
    createdAt: new Date(r.createdAt),
    firstReportDay: r.firstReportDay ?? null,
    firstDataDay: r.firstDataDay ?? null,
  }));
}

/** When each report of the sites over a range of their days was first submitted. */
export async function listReportSubmissions(
  db: Db,
  args: { siteIds: number[]; from: string; to: string },
): Promise<{ siteId: number; day: string; submittedAt: Date }[]> {
  if (args.siteIds.length === 0) return [];
  return db
    .select({ siteId: dailyReports.siteId, day: dailyReports.day, submittedAt: dailyReports.submittedAt })
    .from(dailyReports)
    .where(and(inArray(dailyReports.siteId, args.siteIds), between(dailyReports.day, args.from, args.to)));
}

/** The productive hours the sites' reports give per day over a range (reports that say none are absent). */
export async function listProductiveHours(
  db: Db,
  args: { siteIds: number[]; from: string; to: string },
): Promise<{ siteId: number; day: string; productiveHours: number }[]> {
  if (args.siteIds.length === 0) return [];
  const rows = await db
    .select({ siteId: dailyReports.siteId, day: dailyReports.day, productiveHours: dailyReports.productiveHours })
    .from(dailyReports)
    .where(and(inArray(dailyReports.siteId, args.siteIds), between(dailyReports.day, args.from, args.to), isNotNull(dailyReports.productiveHours)))
    .orderBy(asc(dailyReports.siteId), asc(dailyReports.day));
  return rows.map((r) => ({ siteId: r.siteId, day: r.day, productiveHours: Number(r.productiveHours) }));
}
