// The calibration gap per site over a range (DESIGN "KPI definitions"): bias = mean(site − HQ)
// and spread = mean |site − HQ| over the site evaluations HQ re-scored, overall, per criterion and
// per week or month. The dashboard, the site page and the digests read it from here.
import type { Db } from '@/db/client';
import { criterionGapSums, listScorePairs, type CriterionGapSums, type ScorePair } from '@/db/queries/qa-calibration';
import type { QaCategory } from '@/db/schema';
import type { SiteScope } from '@/server/auth/principal';
import { mayReadNetworkFigure } from '@/server/kpi/lead-network';
import { validRange } from '@/server/kpi/request-range';
import { QA_CATEGORIES } from '@/lib/qa/form-input';
import { periodsOf, periodStart, type Granularity } from './periods';
import { calibrationSummaryInput, type CalibrationSummaryInput } from '@/lib/qa/qa-input';
import { calibrationGap, calibrationGapOfSums, type CalibrationGap } from '@/lib/kpi/qa';
import { selectQaSites } from './site-access';

/** A bias beyond this many points, either way, is drift worth a manager's attention. */
export const CALIBRATION_BIAS_THRESHOLD = 5;
/** Fewer pairs than this say too little to flag a site. */
export const CALIBRATION_MIN_PAIRS = 3;

export type CalibrationFlag = 'inflated' | 'harsh' | null;
export type PeriodGap = CalibrationGap & { period: string };
export type CriterionGap = CalibrationGap & { key: string; label: string; category: QaCategory };
/** Over the criteria of a category: pairs are criterion scores compared, in points of their maximum. */
export type CategoryGap = CalibrationGap & { category: QaCategory };

export type SiteCalibration = CalibrationGap & {
  code: string;
  name: string;
  /** Mean of the site's own scores and of HQ's, over the same pairs. */
  siteMean: number | null;
  hqMean: number | null;
  flag: CalibrationFlag;
  periods: PeriodGap[];
  /** Per criterion key, in points of the criterion's maximum (0–100). */
  criteria: CriterionGap[];
  /** Per category (language, culture, …): where the site and HQ disagree most. */
  categories: CategoryGap[];
};

export type CalibrationSummary = {
  from: string;
  to: string;
  granularity: Granularity;
  threshold: number;
  minPairs: number;
  periods: string[];
  network: CalibrationGap & { periods: PeriodGap[] };
  sites: SiteCalibration[];
};

export function flagOf(gap: CalibrationGap): CalibrationFlag {
  if (gap.bias === null || gap.pairs < CALIBRATION_MIN_PAIRS) return null;
  if (gap.bias > CALIBRATION_BIAS_THRESHOLD) return 'inflated';
  if (gap.bias < -CALIBRATION_BIAS_THRESHOLD) return 'harsh';
  return null;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function byPeriod(pairs: ScorePair[], periods: string[], granularity: Granularity): PeriodGap[] {
  const buckets = new Map<string, ScorePair[]>(periods.map((p) => [p, []]));
  for (const pair of pairs) buckets.get(periodStart(pair.day, granularity))?.push(pair);
  return periods.map((period) => ({ period, ...calibrationGap(buckets.get(period) ?? []) }));
}

function criterionGaps(rows: CriterionGapSums[]): CriterionGap[] {
  return rows.map((r) => ({
    key: r.key,
    label: r.label,
    category: r.category,
    ...calibrationGapOfSums(r),
  }));
}

function categoryGaps(rows: CriterionGapSums[]): CategoryGap[] {
  return QA_CATEGORIES.flatMap((category) => {
    const within = rows.filter((r) => r.category === category);
    const pairs = within.reduce((n, r) => n + r.pairs, 0);
    if (pairs === 0) return [];
    const diffSum = within.reduce((n, r) => n + r.diffSum, 0);
    const absSum = within.reduce((n, r) => n + r.absSum, 0);
    return [{ category, ...calibrationGapOfSums({ pairs, diffSum, absSum }) }];
  });
}

export async function summariseCalibration(
  db: Db,
  args: { scope: SiteScope; input: CalibrationSummaryInput },
): Promise<CalibrationSummary> {
  const input = calibrationSummaryInput.parse(args.input);
  const range = validRange(input.from, input.to);
  const { shown, networkSiteIds } = await selectQaSites(db, args.scope, input.sites);
  const readIds = [...new Set([...networkSiteIds, ...shown.map((s) => s.id)])];
  const shownIds = shown.map((s) => s.id);
  const [pairs, criteria] = await Promise.all([
    listScorePairs(db, { siteIds: readIds, ...range }),
    criterionGapSums(db, { siteIds: shownIds, ...range }),
  ]);
  const periods = periodsOf(range, input.granularity);
  const networkIds = new Set(networkSiteIds);
  const networkPairs = pairs.filter((p) => networkIds.has(p.siteId));
  // A lead reads a network gap only when three other sites have pairs in it (lead-network.ts).
  const readable = (within: ScorePair[]) => mayReadNetworkFigure(args.scope, new Set(within.map((p) => p.siteId)));
  const networkPeriods = byPeriod(networkPairs, periods, input.granularity).map((gap) =>
    readable(networkPairs.filter((p) => periodStart(p.day, input.granularity) === gap.period)) ? gap : { ...calibrationGap([]), period: gap.period },
  );

  return {
    ...range,
    granularity: input.granularity,
    threshold: CALIBRATION_BIAS_THRESHOLD,
    minPairs: CALIBRATION_MIN_PAIRS,
    periods,
    network: { ...calibrationGap(readable(networkPairs) ? networkPairs : []), periods: networkPeriods },
    sites: shown.map((site) => {
      const own = pairs.filter((p) => p.siteId === site.id);
      const gap = calibrationGap(own);
      return {
        code: site.code,
        name: site.name,
        ...gap,
        siteMean: mean(own.map((p) => p.site)),
        hqMean: mean(own.map((p) => p.hq)),
        flag: flagOf(gap),
        periods: byPeriod(own, periods, input.granularity),
        criteria: criterionGaps(criteria.filter((c) => c.siteId === site.id)),
        categories: categoryGaps(criteria.filter((c) => c.siteId === site.id)),
      };
    }),
  };
}
