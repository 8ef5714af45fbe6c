// The counts behind a figure, read from the parts the comparison carries, following the formula
// declared for the metric in lib/kpi/definitions.ts (numerator / denominator).
import { METRICS, ratio, type KpiParts, type RollupMetric } from '@/lib/kpi/definitions';

export type FigureParts = { numerator: number; denominator: number; value: number | null };

export function partsBehind(metric: RollupMetric, parts: KpiParts): FigureParts {
  const formula = METRICS[metric].formula;
  if (formula.source !== 'site_day') throw new Error(`${metric} is not computed from the rollup`);
  const numerator = parts[formula.numerator];
  const denominator = parts[formula.denominator];
  return { numerator, denominator, value: ratio(numerator, denominator) };
}
