// The figures the dashboard tables and charts show, in display order: two counts, then the rollup
// metrics of lib/kpi/definitions.ts (whose direction, unit and formula are the reference).
import { METRICS, ROLLUP_METRICS, type Kpis, type MetricDirection, type MetricUnit, type RollupMetric } from '@/lib/kpi/definitions';

export const COUNT_FIGURES = ['offered', 'handled'] as const;
export type CountFigure = (typeof COUNT_FIGURES)[number];
export type Figure = CountFigure | RollupMetric;

export const FIGURES: readonly Figure[] = [...COUNT_FIGURES, ...ROLLUP_METRICS];

export function isFigure(value: string | null | undefined): value is Figure {
  return (FIGURES as readonly string[]).includes(value ?? '');
}

export function isRollupMetric(figure: Figure): figure is RollupMetric {
  return (ROLLUP_METRICS as readonly string[]).includes(figure);
}

export function figureValue(kpis: Kpis, figure: Figure): number | null {
  if (figure === 'offered' || figure === 'handled') return kpis[figure];
  const key = METRICS[figure].kpi;
  return key === null ? null : kpis[key];
}

export function figureUnit(figure: Figure): MetricUnit | 'count' {
  return isRollupMetric(figure) ? METRICS[figure].unit : 'count';
}

/** Counts have no better or worse direction: more calls is neither. */
export function figureDirection(figure: Figure): MetricDirection | null {
  return isRollupMetric(figure) ? METRICS[figure].direction : null;
}
