// The HQ comparison: per-site KPIs over a date range from the site_day rollup, the network row
// from summed parts, change against the previous period of equal length, RAG against targets.
// Each row carries its summed parts so the app can show the counts behind every figure, and the
// feed's freshness and the daily reports owed, which a manager reads beside the KPIs.
import type { Db } from '@/db/client';
import { listSiteFeeds, listSitesForKpis, listTargets, sumSiteDays, type KpiSite, type TargetRow } from '@/db/queries/kpis';
import type { KpiMetric } from '@/db/schema';
import type { SiteScope } from '@/server/auth/principal';
import { awaitingRescoreSums, withoutAwaiting } from '@/server/qa/blind-rescore';
import { reportDaysBySite } from '@/server/reports/compliance';
import { feedStatusesAt, type FeedStatus } from '@/server/sites/feed-status';
import { calendarTodaysAt, type CalendarToday } from '@/server/calendar/opening';
import {
  changeOf,
  computeKpis,
  emptyParts,
  freshnessSeconds,
  NO_REPORT_DAYS,
  kpiValue,
  ragOf,
  reportCompliance,
  ROLLUP_METRICS,
  sumReportDays,
  sumSlExclusions,
  type SlExclusion,
  type KpiParts,
  type Kpis,
  type Rag,
  type ReportDayCounts,
  type RollupMetric,
  type TargetBounds,
} from '@/lib/kpi/definitions';
import { previousRange, type DateRange } from '@/lib/kpi/periods';
import { mayReadNetworkFigure, networkPartsFor, type NetworkFamily } from './lead-network';
import { outOfHoursBySite, slExclusionOf } from './out-of-hours';
import { validRange } from './request-range';
import { selectSites } from './site-selection';

export type MetricGrades = Record<RollupMetric, Rag | null>;
export type MetricChanges = Record<RollupMetric, number | null>;

export type FeedFreshness = {
  lastPushAt: Date | null;
  /** Seconds since the last accepted push, as of the request; null when the site never pushed. */
  freshnessSeconds: number | null;
  status: FeedStatus;
};

/** Daily reports owed and filed over the range (countReportDays in lib/kpi/definitions.ts). */
export type ReportStatus = {
  expectedDays: number;
  submitted: number;
  onTime: number;
  missingDays: number;
  lastMissingDay: string | null;
  /** On time / expected; null when no report was owed. */
  compliance: number | null;
  rag: Rag | null;
};

type RowExtras = {
  rag: MetricGrades;
  changes: MetricChanges;
  /** The summed numerators and denominators behind every figure of the row. */
  parts: KpiParts;
  /** The same KPIs over the previous period. */
  before: Kpis;
  reports: ReportStatus;
  /** reports.compliance, named as DESIGN's Kpis of GET /api/v1/kpis name it. */
  reportCompliance: number | null;
  /**
   * Calls the service level leaves out (offered outside opening hours, at a site whose settings
   * exclude them; for the network, the sum over such sites); null when it leaves none out.
   */
  slExcluded: SlExclusion | null;
};

export type ComparisonNetwork = Kpis &
  RowExtras & {
    siteCount: number;
    /** Figures withheld from a site lead: too few other sites contribute to them (never for HQ). */
    withheld: NetworkFamily[];
  };
export type ComparisonSite = Kpis &
  RowExtras & {
    code: string;
    name: string;
    country: string;
    kind: KpiSite['kind'];
    timezone: string;
    slaSeconds: number;
    feed: FeedFreshness;
    /** The site's own today by its calendar: "closed today", "holiday: …" (null: unknown site). */
    calendarToday: CalendarToday | null;
  };
export type Comparison = {
  from: string;
  to: string;
  previous: DateRange;
  network: ComparisonNetwork;
  sites: ComparisonSite[];
};

export type ComparisonArgs = { scope: SiteScope; from: string; to: string; siteCodes?: string[]; now?: Date };

/** Targets resolved per site: the site's override when it has one, else the network default. */
export type TargetResolver = (siteId: number | null, metric: KpiMetric) => TargetBounds | null;

export function targetResolver(rows: Pick<TargetRow, 'siteId' | 'metric' | 'green' | 'amber'>[]): TargetResolver {
  const key = (siteId: number | null, metric: KpiMetric) => `${siteId ?? 'network'}:${metric}`;
  const bounds = new Map(rows.map((r) => [key(r.siteId, r.metric), { green: r.green, amber: r.amber }]));
  return (siteId, metric) => (siteId !== null ? bounds.get(key(siteId, metric)) : undefined) ?? bounds.get(key(null, metric)) ?? null;
}

export function gradesOf(kpis: Kpis, siteId: number | null, target: TargetResolver): MetricGrades {
  const grades = {} as MetricGrades;
  for (const metric of ROLLUP_METRICS) grades[metric] = ragOf(metric, kpiValue(kpis, metric), target(siteId, metric));
  return grades;
}

export function changesOf(current: Kpis, previous: Kpis): MetricChanges {
  const changes = {} as MetricChanges;
  for (const metric of ROLLUP_METRICS) changes[metric] = changeOf(kpiValue(current, metric), kpiValue(previous, metric));
  return changes;
}

function reportStatusOf(counts: ReportDayCounts, target: TargetBounds | null): ReportStatus {
  const compliance = reportCompliance(counts.onTime, counts.expected);
  return {
    expectedDays: counts.expected,
    submitted: counts.onTime + counts.late,
    onTime: counts.onTime,
    missingDays: counts.missing,
    lastMissingDay: counts.lastMissingDay,
    compliance,
    rag: ragOf('report_compliance', compliance, target),
  };
}

export async function buildComparison(db: Db, args: ComparisonArgs): Promise<Comparison> {
  const range = validRange(args.from, args.to);
  const previous = previousRange(range);
  const now = args.now ?? new Date();
  const allSites = await listSitesForKpis(db);
  const { shown, networkSiteIds } = selectSites(allSites, args.scope, args.siteCodes);

  // The network may cover more sites than are shown (a site lead's view): read both sets once.
  const readIds = [...new Set([...networkSiteIds, ...shown.map((s) => s.id)])];
  // Sites whose service level leaves out the calls offered outside their opening hours.
  const excluding = allSites.filter((s) => s.slExcludesOutOfHours && readIds.includes(s.id)).map((s) => s.id);
  const [current, before, targetRows, feeds, reports, awaiting, outNow, outBefore, todays] = await Promise.all([
    sumSiteDays(db, { siteIds: readIds, ...range }),
    sumSiteDays(db, { siteIds: readIds, ...previous }),
    listTargets(db),
    listSiteFeeds(db, shown.map((s) => s.id)),
    reportDaysBySite(db, { siteIds: readIds, range, now }),
    awaitingRescoreSums(db, args.scope, allSites.filter((s) => readIds.includes(s.id))),
    outOfHoursBySite(db, excluding, range),
    outOfHoursBySite(db, excluding, previous),
    calendarTodaysAt(
      db,
      shown.map((s) => s.id),
      now,
    ),
  ]);
  // Only the excluding sites were counted: every other site's exclusion is null.
  const exclusionNow = (id: number) => slExclusionOf(outNow.get(id));
  const exclusionBefore = (id: number) => slExclusionOf(outBefore.get(id));
  // HQ's figures leave out the evaluations it has yet to re-score blind.
  const partsOf = (rows: typeof current, period: DateRange) =>
    new Map<number, KpiParts>(rows.map(({ siteId, ...parts }) => [siteId, withoutAwaiting(parts, awaiting.inRange(siteId, period.from, period.to))]));
  const partsNow = partsOf(current, range);
  const partsBefore = partsOf(before, previous);
  const feedOf = new Map(feeds.map((f) => [f.siteId, f.lastPushAt]));
  // The one read that needs another's answer (the feeds' last pushes).
  const feedStatus = await feedStatusesAt(db, feeds, now);
  const reportsOf: ReadonlyMap<number, ReportDayCounts> = reports;
  const target = targetResolver(targetRows);

  const sites = shown.map((site): ComparisonSite => {
    const parts = partsNow.get(site.id) ?? emptyParts();
    const slExcluded = exclusionNow(site.id);
    const kpis = computeKpis(parts, slExcluded);
    const earlier = computeKpis(partsBefore.get(site.id) ?? emptyParts(), exclusionBefore(site.id));
    const lastPushAt = feedOf.get(site.id) ?? null;
    const reportStatus = reportStatusOf(reportsOf.get(site.id) ?? NO_REPORT_DAYS, target(site.id, 'report_compliance'));
    return {
      code: site.code,
      name: site.name,
      country: site.country,
      kind: site.kind,
      timezone: site.timezone,
      slaSeconds: site.slaSeconds,
      ...kpis,
      rag: gradesOf(kpis, site.id, target),
      changes: changesOf(kpis, earlier),
      parts,
      before: earlier,
      feed: { lastPushAt, freshnessSeconds: freshnessSeconds(now, lastPushAt), status: feedStatus.get(site.id) ?? 'never' },
      reports: reportStatus,
      reportCompliance: reportStatus.compliance,
      slExcluded,
      calendarToday: todays.get(site.id) ?? null,
    };
  });

  // A lead reads a network figure only when three other sites contribute to it (lead-network.ts).
  const { parts: networkParts, withheld } = networkPartsFor(args.scope, networkSiteIds, (id) => partsNow.get(id));
  // Withheld call figures are zeros: so is what they would leave out.
  const networkExclusion = (exclusionOf: (id: number) => SlExclusion | null) =>
    withheld.includes('calls') ? null : sumSlExclusions(networkSiteIds.map(exclusionOf));
  const networkSlExcluded = networkExclusion(exclusionNow);
  const networkNow = computeKpis(networkParts, networkSlExcluded);
  const networkBefore = computeKpis(networkPartsFor(args.scope, networkSiteIds, (id) => partsBefore.get(id)).parts, networkExclusion(exclusionBefore));
  const reportingSites = networkSiteIds.filter((id) => (reportsOf.get(id)?.expected ?? 0) > 0);
  if (!mayReadNetworkFigure(args.scope, reportingSites)) withheld.push('reports');
  const networkReports = withheld.includes('reports') ? NO_REPORT_DAYS : sumReportDays(networkSiteIds.map((id) => reportsOf.get(id) ?? NO_REPORT_DAYS));
  const networkReportStatus = reportStatusOf(networkReports, target(null, 'report_compliance'));

  return {
    from: range.from,
    to: range.to,
    previous,
    network: {
      ...networkNow,
      rag: gradesOf(networkNow, null, target),
      changes: changesOf(networkNow, networkBefore),
      parts: networkParts,
      before: networkBefore,
      // A lead's network row must not say when another site last missed a report.
      reports: { ...networkReportStatus, lastMissingDay: args.scope.all ? networkReports.lastMissingDay : null },
      reportCompliance: networkReportStatus.compliance,
      slExcluded: networkSlExcluded,
      siteCount: networkSiteIds.length,
      withheld,
    },
    sites,
  };
}
