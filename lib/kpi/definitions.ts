// The one place where KPI formulas live (DESIGN "KPI definitions"). Pure: no I/O, no clock.
// Rollups store summable parts; every figure shown anywhere is computed here from summed parts,
// so a network figure is a ratio of sums, never a mean of site ratios.
import type { AppLocale } from '@/i18n/locale';
import { dayStatus, reportDeadline } from '@/lib/reports/deadline';
import { daysOf, todayIn, type DateRange } from './periods';

/** Every metric a target can be set on: the kpi_metric enum of the schema (a test in db/schema holds them equal). */
export const KPI_METRICS = [
  'aht',
  'asa',
  'service_level',
  'abandon_rate',
  'fcr',
  'csat',
  'qa_score',
  'report_compliance',
  'mission_completion',
] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

/** A call that waited less than this before hanging up is a short abandon. */
export const SHORT_ABANDON_SECONDS = 5;

/** The summable numerators and denominators: the KPI columns of site_day, by their drizzle keys. */
export type KpiParts = {
  calls: number;
  inboundCalls: number;
  shortAbandons: number;
  offered: number;
  handled: number;
  inboundHandled: number;
  abandoned: number;
  handleSeconds: number;
  inboundHandledWaitSeconds: number;
  answeredWithinSla: number;
  resolvedKnown: number;
  resolvedTrue: number;
  csatResponses: number;
  csatTop2: number;
  csatSum: number;
  qaEvaluations: number;
  qaScoredEvaluations: number;
  qaScoreSum: number;
};

export type PartKey = keyof KpiParts;

export const PART_KEYS = [
  'calls',
  'inboundCalls',
  'shortAbandons',
  'offered',
  'handled',
  'inboundHandled',
  'abandoned',
  'handleSeconds',
  'inboundHandledWaitSeconds',
  'answeredWithinSla',
  'resolvedKnown',
  'resolvedTrue',
  'csatResponses',
  'csatTop2',
  'csatSum',
  'qaEvaluations',
  'qaScoredEvaluations',
  'qaScoreSum',
] as const satisfies readonly PartKey[];

/** The site_day column behind each part, for the info panels and for SQL written by hand. */
export const PART_COLUMNS: Record<PartKey, string> = {
  calls: 'calls',
  inboundCalls: 'inbound_calls',
  shortAbandons: 'short_abandons',
  offered: 'offered',
  handled: 'handled',
  inboundHandled: 'inbound_handled',
  abandoned: 'abandoned',
  handleSeconds: 'handle_seconds',
  inboundHandledWaitSeconds: 'inbound_handled_wait_seconds',
  answeredWithinSla: 'answered_within_sla',
  resolvedKnown: 'resolved_known',
  resolvedTrue: 'resolved_true',
  csatResponses: 'csat_responses',
  csatTop2: 'csat_top2',
  csatSum: 'csat_sum',
  qaEvaluations: 'qa_evaluations',
  qaScoredEvaluations: 'qa_scored_evaluations',
  qaScoreSum: 'qa_score_sum',
};

export function emptyParts(): KpiParts {
  const parts = {} as KpiParts;
  for (const key of PART_KEYS) parts[key] = 0;
  return parts;
}

export function addParts(a: KpiParts, b: KpiParts): KpiParts {
  const sum = {} as KpiParts;
  for (const key of PART_KEYS) sum[key] = a[key] + b[key];
  return sum;
}

export function sumParts(list: Iterable<KpiParts>): KpiParts {
  let total = emptyParts();
  for (const parts of list) total = addParts(total, parts);
  return total;
}

/** The fields of a call record that its KPI parts depend on. */
export type CallForKpi = {
  direction: 'inbound' | 'outbound';
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
  abandoned: boolean;
  resolved: boolean | null;
  csat: number | null;
};

export function isShortAbandon(call: Pick<CallForKpi, 'abandoned' | 'waitSeconds'>): boolean {
  return call.abandoned && call.waitSeconds < SHORT_ABANDON_SECONDS;
}

/**
 * The parts one call contributes (QA parts stay 0): the reference the site_day rollup must agree
 * with. Short abandons are counted apart and excluded from offered and abandoned.
 */
export function partsOfCall(call: CallForKpi, slaSeconds: number): KpiParts {
  const parts = emptyParts();
  const inbound = call.direction === 'inbound';
  const short = isShortAbandon(call);
  const handled = !call.abandoned;
  parts.calls = 1;
  parts.inboundCalls = inbound ? 1 : 0;
  parts.shortAbandons = short ? 1 : 0;
  parts.offered = inbound && !short ? 1 : 0;
  parts.handled = handled ? 1 : 0;
  parts.inboundHandled = inbound && handled ? 1 : 0;
  parts.abandoned = inbound && call.abandoned && !short ? 1 : 0;
  parts.handleSeconds = handled ? call.talkSeconds + call.holdSeconds + call.wrapSeconds : 0;
  parts.inboundHandledWaitSeconds = inbound && handled ? call.waitSeconds : 0;
  parts.answeredWithinSla = inbound && handled && call.waitSeconds <= slaSeconds ? 1 : 0;
  parts.resolvedKnown = handled && call.resolved !== null ? 1 : 0;
  parts.resolvedTrue = handled && call.resolved === true ? 1 : 0;
  parts.csatResponses = call.csat !== null ? 1 : 0;
  parts.csatTop2 = call.csat !== null && call.csat >= 4 ? 1 : 0;
  parts.csatSum = call.csat ?? 0;
  return parts;
}

export type Kpis = {
  offered: number;
  handled: number;
  abandoned: number;
  ahtSeconds: number | null;
  asaSeconds: number | null;
  /** Fractions 0–1. */
  serviceLevel: number | null;
  abandonRate: number | null;
  fcr: number | null;
  csat: number | null;
  /** 1–5. */
  csatMean: number | null;
  csatResponses: number;
  /** 0–100. */
  qaScore: number | null;
  qaEvaluations: number;
};

/** A ratio whose denominator is zero is unknown, never 0. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/**
 * Calls a site's service level leaves out: those offered while its calendar had it closed, when
 * its settings say so (sites.sl_excludes_out_of_hours; server/kpi/out-of-hours.ts counts them).
 */
export type SlExclusion = { offered: number; answeredWithinSla: number };

/** The sum of several sites' exclusions (null: none excludes anything). */
export function sumSlExclusions(exclusions: readonly (SlExclusion | null | undefined)[]): SlExclusion | null {
  const present = exclusions.filter((e): e is SlExclusion => Boolean(e));
  if (present.length === 0) return null;
  return {
    offered: present.reduce((sum, e) => sum + e.offered, 0),
    answeredWithinSla: present.reduce((sum, e) => sum + e.answeredWithinSla, 0),
  };
}

/** The parts the service level is computed from: every call, less those it leaves out. */
export function withoutSlExclusion(p: KpiParts, slExcluded: SlExclusion | null | undefined): KpiParts {
  if (!slExcluded) return p;
  return { ...p, offered: p.offered - slExcluded.offered, answeredWithinSla: p.answeredWithinSla - slExcluded.answeredWithinSla };
}

export function computeKpis(p: KpiParts, slExcluded: SlExclusion | null = null): Kpis {
  const sl = withoutSlExclusion(p, slExcluded);
  return {
    offered: p.offered,
    handled: p.handled,
    abandoned: p.abandoned,
    ahtSeconds: ratio(p.handleSeconds, p.handled),
    asaSeconds: ratio(p.inboundHandledWaitSeconds, p.inboundHandled),
    serviceLevel: ratio(sl.answeredWithinSla, sl.offered),
    abandonRate: ratio(p.abandoned, p.offered),
    fcr: ratio(p.resolvedTrue, p.resolvedKnown),
    csat: ratio(p.csatTop2, p.csatResponses),
    csatMean: ratio(p.csatSum, p.csatResponses),
    csatResponses: p.csatResponses,
    qaScore: ratio(p.qaScoreSum, p.qaScoredEvaluations),
    qaEvaluations: p.qaEvaluations,
  };
}

// ── Metrics: direction, unit, formula and explanation ─────────────────────────────────────────

export type MetricDirection = 'higher' | 'lower';
/** seconds; ratio = a fraction 0–1 (shown as %); score = 0–100. Targets use the same unit. */
export type MetricUnit = 'seconds' | 'ratio' | 'score';
export type LocalText = Record<AppLocale, string>;

export type MetricFormula =
  | { source: 'site_day'; numerator: PartKey; denominator: PartKey }
  | { source: 'daily_reports'; numerator: 'reports_on_time'; denominator: 'expected_report_days' }
  | { source: 'missions'; numerator: 'achieved'; denominator: 'target' };

export type MetricDefinition = {
  metric: KpiMetric;
  /** The Kpis field that carries it, for metrics computed from the call and QA rollups. */
  kpi: keyof Kpis | null;
  direction: MetricDirection;
  unit: MetricUnit;
  formula: MetricFormula;
  label: LocalText;
  explanation: LocalText;
};

/** Metrics computed from site_day, in display order. */
export const ROLLUP_METRICS = ['aht', 'asa', 'service_level', 'abandon_rate', 'fcr', 'csat', 'qa_score'] as const;
export type RollupMetric = (typeof ROLLUP_METRICS)[number];

export const METRICS: Record<KpiMetric, MetricDefinition> = {
  aht: {
    metric: 'aht',
    kpi: 'ahtSeconds',
    direction: 'lower',
    unit: 'seconds',
    formula: { source: 'site_day', numerator: 'handleSeconds', denominator: 'handled' },
    label: { en: 'Average handle time', fr: 'Durée moyenne de traitement' },
    explanation: {
      en: 'Talk, hold and wrap-up seconds of handled calls, divided by the number of handled calls (inbound and outbound; abandoned calls are not handled).',
      fr: 'Secondes de conversation, de mise en attente et de post-appel des appels traités, divisées par le nombre d’appels traités (entrants et sortants ; un appel abandonné n’est pas traité).',
    },
  },
  asa: {
    metric: 'asa',
    kpi: 'asaSeconds',
    direction: 'lower',
    unit: 'seconds',
    formula: { source: 'site_day', numerator: 'inboundHandledWaitSeconds', denominator: 'inboundHandled' },
    label: { en: 'Average speed of answer', fr: 'Délai moyen de décroché' },
    explanation: {
      en: 'Seconds inbound handled calls waited before an agent answered, divided by the number of inbound handled calls.',
      fr: 'Secondes d’attente des appels entrants traités avant la réponse d’un conseiller, divisées par le nombre d’appels entrants traités.',
    },
  },
  service_level: {
    metric: 'service_level',
    kpi: 'serviceLevel',
    direction: 'higher',
    unit: 'ratio',
    formula: { source: 'site_day', numerator: 'answeredWithinSla', denominator: 'offered' },
    label: { en: 'Service level', fr: 'Niveau de service' },
    explanation: {
      en: 'Inbound calls answered within the site’s SLA seconds, divided by calls offered (inbound calls, abandons under 5 seconds excluded).',
      fr: 'Appels entrants décrochés dans le délai de service du site, divisés par les appels présentés (appels entrants, hors abandons de moins de 5 secondes).',
    },
  },
  abandon_rate: {
    metric: 'abandon_rate',
    kpi: 'abandonRate',
    direction: 'lower',
    unit: 'ratio',
    formula: { source: 'site_day', numerator: 'abandoned', denominator: 'offered' },
    label: { en: 'Abandon rate', fr: 'Taux d’abandon' },
    explanation: {
      en: 'Inbound calls abandoned after waiting 5 seconds or more, divided by calls offered. Abandons under 5 seconds count in neither.',
      fr: 'Appels entrants abandonnés après au moins 5 secondes d’attente, divisés par les appels présentés. Les abandons de moins de 5 secondes ne comptent dans aucun des deux.',
    },
  },
  fcr: {
    metric: 'fcr',
    kpi: 'fcr',
    direction: 'higher',
    unit: 'ratio',
    formula: { source: 'site_day', numerator: 'resolvedTrue', denominator: 'resolvedKnown' },
    label: { en: 'First-contact resolution', fr: 'Résolution au premier contact' },
    explanation: {
      en: 'Handled calls resolved at first contact, divided by handled calls whose resolution is known (calls without a resolution flag are left out).',
      fr: 'Appels traités résolus au premier contact, divisés par les appels traités dont la résolution est connue (les appels sans indication de résolution sont exclus).',
    },
  },
  csat: {
    metric: 'csat',
    kpi: 'csat',
    direction: 'higher',
    unit: 'ratio',
    formula: { source: 'site_day', numerator: 'csatTop2', denominator: 'csatResponses' },
    label: { en: 'Customer satisfaction', fr: 'Satisfaction client' },
    explanation: {
      en: 'Survey answers of 4 or 5 on the 1–5 scale, divided by all survey answers (top-2-box). The mean answer is shown beside it.',
      fr: 'Réponses de 4 ou 5 sur l’échelle de 1 à 5, divisées par l’ensemble des réponses à l’enquête (top-2-box). La note moyenne est affichée à côté.',
    },
  },
  qa_score: {
    metric: 'qa_score',
    kpi: 'qaScore',
    direction: 'higher',
    unit: 'score',
    formula: { source: 'site_day', numerator: 'qaScoreSum', denominator: 'qaScoredEvaluations' },
    label: { en: 'Quality score', fr: 'Score qualité' },
    explanation: {
      en: 'Mean score (0–100) of the site’s own QA evaluations in the period. Each score weighs the criteria that apply; a failed critical criterion makes the evaluation 0.',
      fr: 'Score moyen (0 à 100) des évaluations qualité du site sur la période. Chaque score pondère les critères applicables ; un critère éliminatoire échoué ramène l’évaluation à 0.',
    },
  },
  report_compliance: {
    metric: 'report_compliance',
    kpi: null,
    direction: 'higher',
    unit: 'ratio',
    formula: { source: 'daily_reports', numerator: 'reports_on_time', denominator: 'expected_report_days' },
    label: { en: 'Report compliance', fr: 'Conformité des rapports' },
    explanation: {
      en: 'Daily reports submitted by their deadline, divided by the days a report was expected.',
      fr: 'Rapports quotidiens remis avant l’échéance, divisés par le nombre de jours où un rapport était attendu.',
    },
  },
  mission_completion: {
    metric: 'mission_completion',
    kpi: null,
    direction: 'higher',
    unit: 'ratio',
    formula: { source: 'missions', numerator: 'achieved', denominator: 'target' },
    label: { en: 'Mission completion', fr: 'Avancement de mission' },
    explanation: {
      en: 'Calls with the mission code and a success outcome inside the mission window, divided by the site’s target. Pace compares it with the share of the window already elapsed.',
      fr: 'Appels portant le code de mission et un résultat de succès dans la fenêtre de la mission, divisés par l’objectif du site. Le rythme le compare à la part de la fenêtre déjà écoulée.',
    },
  },
};

/** The value of a rollup metric in a set of KPIs. */
export function kpiValue(kpis: Kpis, metric: RollupMetric): number | null {
  const key = METRICS[metric].kpi;
  if (key === null) return null;
  return kpis[key];
}

// ── RAG and change ────────────────────────────────────────────────────────────────────────────

export type Rag = 'green' | 'amber' | 'red';
export type TargetBounds = { green: number; amber: number };

export function ragOf(metric: KpiMetric, value: number | null, target: TargetBounds | null): Rag | null {
  if (value === null || !Number.isFinite(value) || target === null) return null;
  if (METRICS[metric].direction === 'higher') {
    if (value >= target.green) return 'green';
    if (value >= target.amber) return 'amber';
    return 'red';
  }
  if (value <= target.green) return 'green';
  if (value <= target.amber) return 'amber';
  return 'red';
}

/** Absolute change against the previous period (a ratio changes in fraction points). */
export function changeOf(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return current - previous;
}

// ── Metrics that do not come from the call rollups ────────────────────────────────────────────

export function reportCompliance(submittedOnTime: number, expectedDays: number): number | null {
  return ratio(submittedOnTime, expectedDays);
}

// ── Report compliance: which days a site owes a report, and how they count ─────────────────────

/**
 * What judges a site's report days: its zone, its deadline, the first day it took part, and the
 * days its calendar keeps it closed (public holidays not dropped by HQ, closures, days without
 * opening hours: server/calendar/opening.ts), at least over the days judged.
 */
export type ReportingSite = { timezone: string; reportDeadlineMinute: number; firstDay: string | null; closedDays: ReadonlySet<string> };

/**
 * The first day a site took part, from which it owes daily reports: the earliest of its creation
 * day (site-local), its first report and its first day of data (a site whose history was loaded
 * took part before it was added; one added today owes nothing for last month).
 */
export function reportingFirstDay(
  site: { createdAt: Date; timezone: string },
  firstReportDay: string | null,
  firstDataDay: string | null,
): string {
  const days = [todayIn(site.createdAt, site.timezone), firstReportDay, firstDataDay].filter((d): d is string => d !== null);
  return days.sort()[0]!;
}

/**
 * Whether a site is expected to report for a site-local day: a working day of its calendar on or
 * after its first day (DESIGN). A day the site was closed owes no report: it is neither missing
 * nor counted in compliance (a report filed for it anyway is kept, and not counted either).
 */
export function isReportDayExpected(site: ReportingSite, day: string): boolean {
  return site.firstDay !== null && day >= site.firstDay && !site.closedDays.has(day);
}

/** The days of a range a site is expected to report for, in order. */
export function expectedReportDays(site: ReportingSite, range: DateRange): string[] {
  if (site.firstDay === null || site.firstDay > range.to) return [];
  const from = range.from > site.firstDay ? range.from : site.firstDay;
  return daysOf({ from, to: range.to }).filter((day) => isReportDayExpected(site, day));
}

/**
 * The counts behind report compliance. An expected day counts once its deadline has passed, or
 * earlier when its report is already in (a day still open and without a report is pending and
 * not counted yet); on time = first submitted by the deadline (lib/reports/deadline.ts).
 */
export type ReportDayCounts = {
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  /** The latest counted day without a report, YYYY-MM-DD, or null. */
  lastMissingDay: string | null;
};

export const NO_REPORT_DAYS: ReportDayCounts = { expected: 0, onTime: 0, late: 0, missing: 0, lastMissingDay: null };

/** A site's report days over a range as of `now`, from the first submission instant of each day's report. */
export function countReportDays(
  site: ReportingSite,
  range: DateRange,
  submittedAt: ReadonlyMap<string, Date>,
  now: Date,
): ReportDayCounts {
  const counts = { ...NO_REPORT_DAYS };
  for (const day of expectedReportDays(site, range)) {
    const status = dayStatus(submittedAt.get(day) ?? null, reportDeadline(day, site.reportDeadlineMinute, site.timezone), now);
    if (status === 'pending') continue;
    counts.expected += 1;
    if (status === 'on_time') counts.onTime += 1;
    else if (status === 'late') counts.late += 1;
    else {
      counts.missing += 1;
      counts.lastMissingDay = day;
    }
  }
  return counts;
}

/** Counts of several sites together: summed, never a mean of site ratios. */
export function sumReportDays(list: Iterable<ReportDayCounts>): ReportDayCounts {
  const sum = { ...NO_REPORT_DAYS };
  for (const c of list) {
    sum.expected += c.expected;
    sum.onTime += c.onTime;
    sum.late += c.late;
    sum.missing += c.missing;
    if (c.lastMissingDay !== null && (sum.lastMissingDay === null || c.lastMissingDay > sum.lastMissingDay)) sum.lastMissingDay = c.lastMissingDay;
  }
  return sum;
}

export function missionCompletion(achieved: number, target: number): number | null {
  return ratio(achieved, target);
}

/** Completion divided by the elapsed share of the window: 1 means on pace, below 1 behind. */
export function missionPace(completion: number | null, elapsedFraction: number): number | null {
  if (completion === null) return null;
  return ratio(completion, Math.min(1, elapsedFraction));
}

/** The elapsed share of one site's window: complete site-local days over the window's days. */
export function elapsedShare(site: { elapsedDays: number; windowDays: number }): number | null {
  return ratio(site.elapsedDays, site.windowDays);
}

/**
 * The share of the window the sites' targets called for by now, Σ(target × elapsed share) /
 * Σ target: sites in time zones a day apart each weigh with their own share, and a big target
 * weighs more than a small one. Null without a target.
 */
export function missionElapsedShare(sites: readonly { target: number; elapsedDays: number; windowDays: number }[]): number | null {
  const target = sites.reduce((sum, s) => sum + s.target, 0);
  const expectedByNow = sites.reduce((sum, s) => sum + s.target * (elapsedShare(s) ?? 0), 0);
  return ratio(expectedByNow, target);
}

/** The pace of several sites together (a mission's network pace): Σ achieved / Σ target over their elapsed share. */
export function networkMissionPace(sites: readonly { achieved: number; target: number; elapsedDays: number; windowDays: number }[]): number | null {
  const completion = missionCompletion(
    sites.reduce((sum, s) => sum + s.achieved, 0),
    sites.reduce((sum, s) => sum + s.target, 0),
  );
  return missionPace(completion, missionElapsedShare(sites) ?? 0);
}

/** The end figure if the rate so far holds: achieved per elapsed day times the window's days. */
export function missionProjection(achieved: number, elapsedDays: number, windowDays: number): number | null {
  const perDay = ratio(achieved, elapsedDays);
  return perDay === null ? null : perDay * windowDays;
}

/** Pace at or above 1 is on track; from PACE_AT_RISK up to 1 at risk; below, behind. */
export const PACE_AT_RISK = 0.9;
export type PaceStatus = 'on_track' | 'at_risk' | 'behind';

export function paceStatus(pace: number | null): PaceStatus | null {
  if (pace === null || !Number.isFinite(pace)) return null;
  if (pace >= 1) return 'on_track';
  if (pace >= PACE_AT_RISK) return 'at_risk';
  return 'behind';
}

/** Seconds since the site's last accepted push; null when it never pushed. */
export function freshnessSeconds(now: Date, lastPushAt: Date | null): number | null {
  if (lastPushAt === null) return null;
  // A push stamped slightly ahead of this server's clock is fresh, not negative.
  return Math.max(0, Math.floor((now.getTime() - lastPushAt.getTime()) / 1000));
}
