// Daily reports: a site files (and amends until HQ acknowledges), HQ reads who is in, late or
// silent, acknowledges with a comment, and follows report compliance. Writes are audit-logged.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import {
  acknowledgeDailyReport,
  listReportsForSiteDays,
  listSiteReports,
  upsertDailyReport,
  type ReportRow,
} from '@/db/queries/reports';
import { findSiteByCode, findSiteById, listSites } from '@/db/queries/sites';
import type { DailyReport, ReportIncident, Site } from '@/db/schema';
import type { Actor, SiteScope } from '@/server/auth/principal';
import { badRequest, conflict, forbidden, notFound } from '@/server/errors';
import { listTargets } from '@/db/queries/kpis';
import { targetResolver } from '@/server/kpi/comparison';
import { isReportDayExpected, ragOf, reportCompliance, sumReportDays, type Rag, type ReportDayCounts } from '@/lib/kpi/definitions';
import { daysOf } from '@/lib/kpi/periods';
import { mayReadNetworkFigure } from '@/server/kpi/lead-network';
import { normaliseCodes } from '@/server/kpi/site-selection';
import { formatMinuteOfDay } from '@/lib/sites/site-input';
import { dayStatus, reportDeadline, siteToday, STATUS_ORDER, timelinessOf, type ReportDayStatus, type ReportTimeliness } from '@/lib/reports/deadline';
import { calendarDaysOf } from '@/server/calendar/working-days';
import { isWorkingDay, type CalendarDay } from '@/lib/calendar/days';
import { reportDaysBySite } from './compliance';
import { acknowledgeInput, resolveRange, submitReportInput, type AcknowledgeInput, type RangeInput, type SubmitReportInput } from '@/lib/reports/report-input';

export type ReportView = {
  site: string;
  date: string;
  scheduledAgents: number;
  presentAgents: number;
  leavers: number;
  incidents: ReportIncident[];
  highlights: string;
  blockers: string;
  /** Null when the report does not say. */
  productiveHours: number | null;
  submittedAt: Date;
  submittedBy: string;
  updatedAt: Date;
  acknowledgedAt: Date | null;
  /** Who acknowledged it, by name (null when not acknowledged or the user is gone). */
  acknowledgedBy: string | null;
  hqComment: string | null;
  deadline: Date;
  /** Judged on the first submission: amending later does not make a report late. */
  status: ReportTimeliness;
};

type SiteLike = Pick<Site, 'id' | 'code' | 'name' | 'timezone' | 'reportDeadlineMinute'>;

function viewOf(site: SiteLike, row: DailyReport | ReportRow): ReportView {
  const deadline = reportDeadline(row.day, site.reportDeadlineMinute, site.timezone);
  return {
    site: site.code,
    date: row.day,
    scheduledAgents: row.scheduledAgents,
    presentAgents: row.presentAgents,
    leavers: row.leavers,
    incidents: row.incidents,
    highlights: row.highlights,
    blockers: row.blockers,
    productiveHours: row.productiveHours ?? null,
    submittedAt: row.submittedAt,
    submittedBy: row.submittedBy,
    updatedAt: row.updatedAt,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: 'acknowledgedByName' in row ? row.acknowledgedByName : null,
    hqComment: row.hqComment,
    deadline,
    status: timelinessOf(row.submittedAt, deadline),
  };
}

// ── Filing ────────────────────────────────────────────────────────────────────────────────────

export type SubmitArgs = { siteId: number; actor: Actor; input: SubmitReportInput; now: Date };

/**
 * Files the site's report for a site-local day, or amends it. Refused for a day after the site's
 * own today, and with CONFLICT once HQ has acknowledged it (HQ has read what it says).
 */
export async function submitDailyReport(db: Db, args: SubmitArgs): Promise<ReportView & { amended: boolean }> {
  const input = submitReportInput.parse(args.input);
  return db.transaction(async (tx) => {
    const site = await findSiteById(tx, args.siteId);
    if (!site) throw notFound('Site');
    if (!site.active) throw forbidden('This site is no longer active');
    const today = siteToday(args.now, site.timezone);
    if (input.date > today) throw badRequest(`A report cannot be filed for a future day: it is ${today} at ${site.code}`);
    const incidents: ReportIncident[] = input.incidents.map((i) => ({
      category: i.category,
      description: i.description,
      minutesLost: i.minutesLost ?? null,
    }));
    const written = await upsertDailyReport(
      tx,
      {
        siteId: site.id,
        day: input.date,
        scheduledAgents: input.scheduledAgents,
        presentAgents: input.presentAgents,
        leavers: input.leavers,
        incidents,
        highlights: input.highlights,
        blockers: input.blockers,
        // An amendment replaces the whole report: hours it leaves out are no longer counted.
        productiveHours: input.productiveHours ?? null,
      },
      args.now,
      args.actor.actorLabel,
    );
    if (!written) throw conflict(`The report of ${site.code} for ${input.date} was acknowledged by headquarters and can no longer be changed`);
    await insertAudit(tx, {
      ...args.actor,
      action: written.inserted ? 'daily_report.submit' : 'daily_report.amend',
      entity: 'daily_report',
      entityId: `${site.code}:${input.date}`,
      siteId: site.id,
      details: { ...input, incidents },
    });
    return { ...viewOf(site, written.report), amended: !written.inserted };
  });
}

// ── HQ acknowledgement ────────────────────────────────────────────────────────────────────────

export async function acknowledgeReport(db: Db, actor: Actor, input: AcknowledgeInput, now: Date): Promise<ReportView> {
  const { site: code, date, comment } = acknowledgeInput.parse(input);
  return db.transaction(async (tx) => {
    const site = await findSiteByCode(tx, code);
    if (!site) throw notFound('Site');
    const row = await acknowledgeDailyReport(tx, {
      siteId: site.id,
      day: date,
      at: now,
      by: actor.actorId,
      comment: comment === undefined ? undefined : comment || null,
    });
    if (!row) throw notFound('Report');
    await insertAudit(tx, {
      ...actor,
      action: 'daily_report.acknowledge',
      entity: 'daily_report',
      entityId: `${site.code}:${date}`,
      siteId: site.id,
      details: { comment: row.hqComment },
    });
    const [withName] = await listReportsForSiteDays(tx, [{ siteId: site.id, day: date }]);
    return viewOf(site, withName ?? row);
  });
}

// ── Reads ─────────────────────────────────────────────────────────────────────────────────────

async function activeSitesIn(db: Db, scope: SiteScope): Promise<Site[]> {
  return (await listSites(db, scope)).filter((s) => s.active);
}

export type ReportsOnDate = { date: string; reports: ReportView[]; missing: string[] };

/**
 * The reports filed for one site-local date and the sites whose report for it is missing (its
 * deadline passed without one on a working day of the site's calendar: a site closed that day
 * owes none). HQ sees every active site; a site lead their own.
 */
export async function reportsOnDate(db: Db, scope: SiteScope, date: string, now: Date): Promise<ReportsOnDate> {
  const siteList = await activeSitesIn(db, scope);
  const wanted = siteList.map((s) => ({ siteId: s.id, day: date }));
  const [rows, calendar] = await Promise.all([listReportsForSiteDays(db, wanted), calendarDaysOf(db, wanted)]);
  const bySite = new Map(rows.map((r) => [r.siteId, r]));
  const reports: ReportView[] = [];
  const missing: string[] = [];
  for (const site of siteList) {
    const row = bySite.get(site.id);
    if (row) reports.push(viewOf(site, row));
    else if (dayStatus(null, reportDeadline(date, site.reportDeadlineMinute, site.timezone), now, isOwed(calendar.get(site.id))) === 'missing') missing.push(site.code);
  }
  return { date, reports, missing };
}

/** A report is owed for a working day (a site without a calendar answer is judged as before). */
function isOwed(day: CalendarDay | undefined): boolean {
  return day === undefined || isWorkingDay(day);
}

export type InboxRow = {
  site: { code: string; name: string; timezone: string; reportDeadline: string };
  date: string;
  /** Why no report is owed that day: the holiday's or closure's name, "" for a weekly closed day; null when it is owed. */
  closed: string | null;
  /** The site's own local date now: the form files for it by default. */
  today: string;
  deadline: Date;
  status: ReportDayStatus;
  report: ReportView | null;
};

/**
 * One row per active site for a date, or for each site's own today when no date is given:
 * missing and late first, then what is still due, then what came in on time, then the sites
 * closed that day by their calendar.
 */
export async function reportInbox(db: Db, scope: SiteScope, date: string | undefined, now: Date): Promise<InboxRow[]> {
  const siteList = await activeSitesIn(db, scope);
  const wanted = siteList.map((site) => ({ site, day: date ?? siteToday(now, site.timezone) }));
  const siteDays = wanted.map((w) => ({ siteId: w.site.id, day: w.day }));
  const [rows, calendar] = await Promise.all([listReportsForSiteDays(db, siteDays), calendarDaysOf(db, siteDays)]);
  const bySite = new Map(rows.map((r) => [r.siteId, r]));
  const inbox = wanted.map(({ site, day }): InboxRow => {
    const row = bySite.get(site.id);
    const deadline = reportDeadline(day, site.reportDeadlineMinute, site.timezone);
    const calendarDay = calendar.get(site.id);
    const owed = isOwed(calendarDay);
    return {
      site: { code: site.code, name: site.name, timezone: site.timezone, reportDeadline: formatMinuteOfDay(site.reportDeadlineMinute) },
      date: day,
      closed: owed ? null : (calendarDay?.name ?? ''),
      today: siteToday(now, site.timezone),
      deadline,
      status: dayStatus(row?.submittedAt ?? null, deadline, now, owed),
      report: row ? viewOf(site, row) : null,
    };
  });
  return inbox.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.site.code.localeCompare(b.site.code));
}

/** The site a read names, within the scope: a site lead's own when none is named. */
async function siteInScope(db: Db, scope: SiteScope, code: string | undefined): Promise<Site> {
  if (!scope.all) {
    const own = await findSiteById(db, scope.siteId);
    if (!own) throw forbidden('Your account is not attached to a site');
    // The same answer whether the other code exists or not, so a lead cannot probe for sites.
    if (code !== undefined && code !== own.code) throw forbidden('A site lead reads only their own site');
    return own;
  }
  if (code === undefined) throw badRequest('Name a site');
  const site = await findSiteByCode(db, code);
  if (!site) throw notFound('Site');
  return site;
}

export type ComplianceFigures = { expected: number; onTime: number; late: number; missing: number; compliance: number | null };

function figuresOf(parts: ReportDayCounts): ComplianceFigures {
  return {
    expected: parts.expected,
    onTime: parts.onTime,
    late: parts.late,
    missing: parts.missing,
    compliance: reportCompliance(parts.onTime, parts.expected),
  };
}

export type HistoryDay = { date: string; deadline: Date; status: ReportDayStatus; report: ReportView | null };

export type SiteHistory = {
  site: { code: string; name: string; timezone: string; reportDeadline: string };
  from: string;
  to: string;
  today: string;
  days: HistoryDay[];
  compliance: ComplianceFigures;
};

/**
 * One site's days in a range (latest first; none after the site's today, none before it took
 * part) with its compliance.
 */
export async function siteReportHistory(
  db: Db,
  scope: SiteScope,
  args: { site?: string } & RangeInput,
  now: Date,
): Promise<SiteHistory> {
  const site = await siteInScope(db, scope, args.site);
  const today = siteToday(now, site.timezone);
  const range = resolveRange(args, today);
  const to = range.to < today ? range.to : today;
  const days = range.from <= to ? daysOf({ from: range.from, to }).reverse() : [];
  const [rows, counted] = await Promise.all([
    listSiteReports(db, site.id, range.from, to),
    reportDaysBySite(db, { siteIds: [site.id], range, now }),
  ]);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const compliance = counted.get(site.id)!;
  const judged = { ...site, firstDay: compliance.firstDay, closedDays: compliance.closedDays };
  return {
    site: { code: site.code, name: site.name, timezone: site.timezone, reportDeadline: formatMinuteOfDay(site.reportDeadlineMinute) },
    from: range.from,
    to: range.to,
    today,
    // A day the site was closed is listed only when a report was filed for it anyway.
    days: days.filter((day) => isReportDayExpected(judged, day) || byDay.has(day)).map((day) => {
      const row = byDay.get(day);
      const deadline = reportDeadline(day, site.reportDeadlineMinute, site.timezone);
      return { date: day, deadline, status: dayStatus(row?.submittedAt ?? null, deadline, now, isReportDayExpected(judged, day)), report: row ? viewOf(site, row) : null };
    }),
    compliance: figuresOf(compliance),
  };
}

export type GradedCompliance = ComplianceFigures & { rag: Rag | null };

export type ComplianceSummary = {
  from: string;
  to: string;
  network: GradedCompliance;
  sites: ({ code: string; name: string } & GradedCompliance)[];
};

/**
 * Report compliance per site and for the network (summed parts, never a mean of site ratios)
 * over a range of site-local days, as of `now`. A site lead gets their own site and the network
 * of every active site, without other sites' names.
 */
export async function reportComplianceSummary(
  db: Db,
  scope: SiteScope,
  args: RangeInput & { sites?: string | string[] },
  now: Date,
): Promise<ComplianceSummary> {
  const codes = normaliseCodes(args.sites);
  const every = await listSites(db, { all: true });
  const active = every.filter((s) => s.active);
  let shown: Site[];
  let network: Site[];
  if (!scope.all) {
    const own = every.find((s) => s.id === scope.siteId);
    if (!own) throw forbidden('Your account is not attached to a site');
    if (codes.some((c) => c !== own.code)) throw forbidden('A site lead reads only their own site');
    shown = [own];
    network = active;
  } else if (codes.length === 0) {
    shown = active;
    network = active;
  } else {
    const unknown = codes.filter((c) => !every.some((s) => s.code === c));
    if (unknown.length > 0) throw badRequest(`Unknown site code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    shown = every.filter((s) => codes.includes(s.code));
    network = shown;
  }
  const ids = [...new Set([...shown, ...network].map((s) => s.id))];
  // Without dates: the days ending at the latest site-local today among the sites counted.
  const latestToday = [...shown, ...network].map((s) => siteToday(now, s.timezone)).sort().at(-1) ?? siteToday(now, 'UTC');
  const range = resolveRange(args, latestToday);
  const [bySite, targets] = await Promise.all([reportDaysBySite(db, { siteIds: ids, range, now }), listTargets(db)]);
  const target = targetResolver(targets);
  const graded = (figures: ComplianceFigures, siteId: number | null): GradedCompliance => ({
    ...figures,
    rag: ragOf('report_compliance', figures.compliance, target(siteId, 'report_compliance')),
  });
  // A lead reads the network's compliance only when three other sites owed reports (lead-network.ts).
  const owing = network.filter((s) => bySite.get(s.id)!.expected > 0).map((s) => s.id);
  const networkParts = sumReportDays(mayReadNetworkFigure(scope, owing) ? network.map((s) => bySite.get(s.id)!) : []);
  return {
    ...range,
    network: graded(figuresOf(networkParts), null),
    sites: shown.map((s) => ({ code: s.code, name: s.name, ...graded(figuresOf(bySite.get(s.id)!), s.id) })),
  };
}
