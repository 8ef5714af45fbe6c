// Report compliance as every reader shows it (the overview, the reports page, a site's history,
// the digests and GET /api/v1/kpis): the reports and first days read here, the days counted by
// the one definition in lib/kpi/definitions.ts.
import type { Db } from '@/db/client';
import { listReportingSites, listReportSubmissions } from '@/db/queries/reports';
import { countReportDays, NO_REPORT_DAYS, reportingFirstDay, type ReportDayCounts } from '@/lib/kpi/definitions';
import type { DateRange } from '@/lib/kpi/periods';
import { closedDaysBySite } from '@/server/calendar/working-days';

export type SiteReportDays = ReportDayCounts & {
  /** The first day the site owes a report for (null: the site is unknown). */
  firstDay: string | null;
  /** The days of the range its calendar keeps the site closed: no report is owed for them. */
  closedDays: ReadonlySet<string>;
};

/** Each site's report days over a range as of `now`, by site id (every id asked for is present). */
export async function reportDaysBySite(db: Db, args: { siteIds: number[]; range: DateRange; now: Date }): Promise<Map<number, SiteReportDays>> {
  const ids = [...new Set(args.siteIds)];
  const [sites, submissions, closed] = await Promise.all([
    listReportingSites(db, ids),
    listReportSubmissions(db, { siteIds: ids, ...args.range }),
    closedDaysBySite(db, ids, args.range.from, args.range.to),
  ]);
  const submittedBySite = new Map<number, Map<string, Date>>();
  for (const r of submissions) {
    let days = submittedBySite.get(r.siteId);
    if (!days) submittedBySite.set(r.siteId, (days = new Map()));
    days.set(r.day, r.submittedAt);
  }
  const answer = new Map<number, SiteReportDays>(ids.map((id) => [id, { ...NO_REPORT_DAYS, firstDay: null, closedDays: new Set() }]));
  for (const site of sites) {
    const firstDay = reportingFirstDay(site, site.firstReportDay, site.firstDataDay);
    const closedDays = closed.get(site.siteId) ?? new Set();
    const counts = countReportDays({ ...site, firstDay, closedDays }, args.range, submittedBySite.get(site.siteId) ?? new Map(), args.now);
    answer.set(site.siteId, { ...counts, firstDay, closedDays });
  }
  return answer;
}
