// What a digest says, for one recipient and period: per-site KPIs with their change and RAG
// (from the HQ comparison, so the e-mail and the dashboard agree to the digit), breaches first,
// then the daily reports, feeds, missions and QA calibration that need a look. Every read goes
// through the recipient's own site scope: a site lead's digest holds their site and the network.
import type { Db } from '@/db/client';
import { listSitesForKpis, listTargets } from '@/db/queries/kpis';
import type { Locale, Role } from '@/db/schema';
import type { SiteScope } from '@/server/auth/principal';
import { buildComparison, targetResolver, type ComparisonNetwork, type ComparisonSite } from '@/server/kpi/comparison';
import { changeOf, kpiValue, ROLLUP_METRICS, type PaceStatus, type Rag, type RollupMetric, type TargetBounds } from '@/lib/kpi/definitions';
import { previousRange, shiftDay, type DateRange } from '@/lib/kpi/periods';
import { listMissionsBehindPace } from '@/server/missions/service';
import { CALIBRATION_BIAS_THRESHOLD, summariseCalibration, type CalibrationFlag } from '@/server/qa/calibration-summary';
import { reportComplianceSummary } from '@/server/reports/service';
import { summariseCoaching } from '@/server/coaching/service';
import { DIGEST_METRICS, type DigestMetric } from './digest-metrics';
import type { Cadence } from '@/lib/digests/periods';

/** Re-scores are sparse: drift is judged over the four weeks that end with the period. */
export const CALIBRATION_WINDOW_DAYS = 28;

export type DigestRecipient = { email: string; name: string; role: Role; siteId: number | null; locale: Locale };

export type DigestRequest = {
  recipient: DigestRecipient;
  cadence: Cadence;
  period: DateRange;
  /** The subscription's sites; null for every site the recipient may read. */
  siteIds: number[] | null;
  now: Date;
  /** Where links point: VIGIE_PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
};

export type MetricCell = {
  value: number | null;
  previous: number | null;
  change: number | null;
  rag: Rag | null;
};

export type DigestRow = {
  handled: number;
  handledChange: number | null;
  cells: Record<DigestMetric, MetricCell>;
};

export type DigestSite = DigestRow & { code: string; name: string; url: string; reds: number; ambers: number };

export type Breach = { site: { code: string; name: string }; metric: RollupMetric; value: number; target: TargetBounds | null; change: number | null };

/** A site's daily reports over the period, when some are missing or late; compliance as the overview shows it. */
export type ReportGap = { code: string; name: string; expected: number; onTime: number; missing: number; late: number; compliance: number | null };
export type StaleFeed = { code: string; name: string; lastPushAt: Date | null };
export type MissionBehind = {
  code: string;
  name: string;
  startsOn: string;
  endsOn: string;
  sites: { code: string; name: string; completion: number | null; pace: number | null; status: PaceStatus | null }[];
};
export type CalibrationDrift = { code: string; name: string; bias: number; pairs: number; flag: Exclude<CalibrationFlag, null> };

/** A site's coaching over the period (server/coaching/service.ts summariseCoaching), when it has flags or sessions. */
export type CoachingLine = {
  code: string;
  name: string;
  /** covered / judged; null when no flag is judged yet. */
  coverage: number | null;
  covered: number;
  judged: number;
  pending: number;
  medianDaysToClose: number | null;
  closed: number;
  open: number;
  overdue: number;
};

export type DigestContent = {
  cadence: Cadence;
  period: DateRange;
  previous: DateRange;
  generatedAt: Date;
  recipient: DigestRecipient;
  sites: DigestSite[];
  /** The network row: every site the recipient's network covers (a lead's: every active site). */
  network: DigestRow;
  breaches: Breach[];
  reports: ReportGap[];
  staleFeeds: StaleFeed[];
  missions: MissionBehind[];
  calibration: { window: DateRange; threshold: number; drifts: CalibrationDrift[] };
  coaching: CoachingLine[];
  links: { dashboard: string; settings: string };
};

function scopeOf(recipient: DigestRecipient): SiteScope {
  return recipient.role === 'site_lead' ? { all: false, siteId: recipient.siteId ?? -1 } : { all: true };
}

function rowOf(row: ComparisonSite | ComparisonNetwork): DigestRow {
  const cells = {} as Record<DigestMetric, MetricCell>;
  for (const metric of DIGEST_METRICS) {
    cells[metric] = { value: kpiValue(row, metric), previous: kpiValue(row.before, metric), change: row.changes[metric], rag: row.rag[metric] };
  }
  return { handled: row.handled, handledChange: changeOf(row.handled, row.before.handled), cells };
}

function countRag(row: ComparisonSite, rag: Rag): number {
  return ROLLUP_METRICS.filter((m) => row.rag[m] === rag).length;
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return search.toString();
}

export async function buildDigestContent(db: Db, request: DigestRequest): Promise<DigestContent> {
  const { recipient, period, now, publicUrl } = request;
  const scope = scopeOf(recipient);
  const allSites = await listSitesForKpis(db);
  const idOf = new Map(allSites.map((s) => [s.code, s.id]));
  // A lead's digest is their own site whatever the row says; HQ's names sites or takes them all.
  const codes =
    scope.all && request.siteIds !== null
      ? allSites.filter((s) => request.siteIds!.includes(s.id)).map((s) => s.code)
      : undefined;
  const siteCodes = codes && codes.length > 0 ? codes : undefined;
  const calibrationWindow = { from: shiftDay(period.to, -(CALIBRATION_WINDOW_DAYS - 1)), to: period.to };

  const [comparison, targetRows, reports, missions, calibration] = await Promise.all([
    buildComparison(db, { scope, from: period.from, to: period.to, siteCodes, now }),
    listTargets(db),
    reportComplianceSummary(db, scope, { from: period.from, to: period.to, sites: siteCodes }, now),
    listMissionsBehindPace(db, scope, now),
    summariseCalibration(db, { scope, input: { ...calibrationWindow, sites: siteCodes, granularity: 'month' } }),
  ]);
  const target = targetResolver(targetRows);
  const shown = new Set(comparison.sites.map((s) => s.code));
  const coaching = await coachingLines(
    db,
    allSites.filter((s) => shown.has(s.code)),
    period,
    now,
  );
  const periodQuery = { from: period.from, to: period.to };

  const sites = comparison.sites
    .map(
      (site): DigestSite => ({
        code: site.code,
        name: site.name,
        url: `${publicUrl}/sites/${encodeURIComponent(site.code)}?${query(periodQuery)}`,
        ...rowOf(site),
        reds: countRag(site, 'red'),
        ambers: countRag(site, 'amber'),
      }),
    )
    // Breaches first: the sites with the most red, then the most amber.
    .sort((a, b) => b.reds - a.reds || b.ambers - a.ambers || a.code.localeCompare(b.code));

  const order = new Map(sites.map((s, i) => [s.code, i]));
  const breaches: Breach[] = [...comparison.sites]
    .sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0))
    .flatMap((site) =>
      ROLLUP_METRICS.filter((metric) => site.rag[metric] === 'red').map((metric) => ({
        site: { code: site.code, name: site.name },
        metric,
        value: kpiValue(site, metric) ?? 0,
        target: target(idOf.get(site.code) ?? null, metric),
        change: site.changes[metric],
      })),
    );

  return {
    cadence: request.cadence,
    period,
    previous: previousRange(period),
    generatedAt: now,
    recipient,
    sites,
    network: rowOf(comparison.network),
    breaches,
    reports: reports.sites
      .filter((s) => shown.has(s.code) && (s.missing > 0 || s.late > 0))
      .map((s) => ({ code: s.code, name: s.name, expected: s.expected, onTime: s.onTime, missing: s.missing, late: s.late, compliance: s.compliance }))
      .sort((a, b) => b.missing - a.missing || b.late - a.late || a.code.localeCompare(b.code)),
    staleFeeds: comparison.sites
      .filter((s) => s.feed.status !== 'fresh')
      .map((s) => ({ code: s.code, name: s.name, lastPushAt: s.feed.lastPushAt }))
      .sort((a, b) => (a.lastPushAt?.getTime() ?? 0) - (b.lastPushAt?.getTime() ?? 0) || a.code.localeCompare(b.code)),
    missions: missions
      .map((m) => ({
        code: m.code,
        name: m.name,
        startsOn: m.startsOn,
        endsOn: m.endsOn,
        sites: m.sites
          .filter((s) => shown.has(s.code))
          .map((s) => ({ code: s.code, name: s.name, completion: s.completion, pace: s.pace, status: s.status })),
      }))
      .filter((m) => m.sites.length > 0),
    calibration: {
      window: calibrationWindow,
      threshold: CALIBRATION_BIAS_THRESHOLD,
      drifts: calibration.sites
        .filter((s): s is typeof s & { flag: 'inflated' | 'harsh'; bias: number } => s.flag !== null && s.bias !== null && shown.has(s.code))
        .map((s) => ({ code: s.code, name: s.name, bias: s.bias, pairs: s.pairs, flag: s.flag }))
        .sort((a, b) => Math.abs(b.bias) - Math.abs(a.bias)),
    },
    coaching,
    links: {
      dashboard: `${publicUrl}/?${query({ ...periodQuery, site: scope.all && siteCodes ? siteCodes.join(',') : undefined })}`,
      settings: `${publicUrl}/settings/digests`,
    },
  };
}

/** The coaching of each site shown, leaving out the sites with no flag and no session in the period. */
async function coachingLines(
  db: Db,
  sites: { id: number; code: string; name: string; timezone: string }[],
  period: DateRange,
  now: Date,
): Promise<CoachingLine[]> {
  const summaries = await Promise.all(sites.map(async (site) => ({ site, summary: await summariseCoaching(db, site, period.from, period.to, now) })));
  return summaries
    .map(({ site, summary: { coverage, timeToClose, open, overdue } }) => ({
      code: site.code,
      name: site.name,
      coverage: coverage.coverage,
      covered: coverage.covered,
      judged: coverage.flags - coverage.pending,
      pending: coverage.pending,
      medianDaysToClose: timeToClose.medianDays,
      closed: timeToClose.closed,
      open,
      overdue,
    }))
    .filter((line) => line.judged + line.pending > 0 || line.closed > 0 || line.open > 0)
    .sort((a, b) => (a.coverage ?? 2) - (b.coverage ?? 2) || b.overdue - a.overdue || a.code.localeCompare(b.code));
}

/** Headline counts, for the subject, the summary line and the preview text. */
export function digestTotals(content: DigestContent) {
  return {
    breaches: content.breaches.length,
    missingReports: content.reports.reduce((n, r) => n + r.missing, 0),
    lateReports: content.reports.reduce((n, r) => n + r.late, 0),
    staleFeeds: content.staleFeeds.length,
    missionsBehind: content.missions.length,
    calibrationDrift: content.calibration.drifts.length,
  };
}
