// KPI figures and their changes as people read them, the same on the pages and in the e-mails:
// durations m:ss, ratios as percentages with one decimal, QA scores with one decimal. Pure (Intl only).
//
// A change is written in the unit of the figure it changes: seconds for a duration ("+12 s"),
// percentage points for a ratio ("+2.1 pts": a ratio moving from 80 % to 82.1 % did not grow by
// 2.1 %), and plain score points for a QA score or a calibration gap ("+1.5"), which are
// themselves shown without a unit.
import { METRICS, type KpiMetric, type MetricDirection, type MetricUnit } from './definitions';
import { numberFormat } from '@/lib/intl/formatters';

/** What a figure without a value (a ratio without a denominator) is shown as. */
export const NO_VALUE = '—';

/** A figure's unit as formatted: a metric's unit, or a plain count. */
export type FigureUnit = MetricUnit | 'count';

const present = (value: number | null | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value);

/** 42 s under a minute; m:ss, or h:mm:ss from an hour. */
export function formatDuration(seconds: number, locale: string): string {
  const total = Math.round(Math.abs(seconds));
  const sign = seconds < 0 && total > 0 ? '-' : '';
  if (total < 60) return `${sign}${numberFormat(locale).format(total)} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

export function formatCount(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A fraction 0–1 as a percentage: one decimal unless told otherwise. */
export function formatPercent(value: number, locale: string, digits = 1): string {
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A QA score (0–100) with one decimal; the no-value mark without one. */
export function formatScore(value: number | null | undefined, locale: string): string {
  if (!present(value)) return NO_VALUE;
  return numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** A figure in its unit; the no-value mark when it is unknown. */
export function formatFigureValue(unit: FigureUnit, value: number | null | undefined, locale: string): string {
  if (!present(value)) return NO_VALUE;
  switch (unit) {
    case 'count':
      return formatCount(value, locale);
    case 'seconds':
      return formatDuration(value, locale);
    case 'ratio':
      return formatPercent(value, locale);
    case 'score':
      return formatScore(value, locale);
  }
}

export function formatMetricValue(metric: KpiMetric, value: number | null | undefined, locale: string): string {
  return formatFigureValue(METRICS[metric].unit, value, locale);
}

/** A change rounded as it is displayed: ratios in points with one decimal, scores one decimal, the rest whole. */
export function displayedChange(unit: FigureUnit, delta: number): number {
  switch (unit) {
    case 'ratio':
      return Math.round(delta * 1000) / 10;
    case 'score':
      return Math.round(delta * 10) / 10;
    default:
      return Math.round(delta);
  }
}

/**
 * A signed change: "+2.1 pts" for a ratio (`pointsLabel`, the reader's word for percentage
 * points), "+12 s" for seconds, "+1.5" for a score, "+120" for a count; "0" or "0.0" for none.
 */
export function formatChange(unit: FigureUnit, delta: number | null | undefined, locale: string, pointsLabel: string): string {
  if (!present(delta)) return NO_VALUE;
  const shown = displayedChange(unit, delta);
  const digits = unit === 'ratio' || unit === 'score' ? 1 : 0;
  const number = numberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    shown === 0 ? 0 : shown,
  );
  if (unit === 'ratio') return `${number} ${pointsLabel}`;
  if (unit === 'seconds') return `${number} s`;
  return number;
}

export type ChangeVerdict = 'better' | 'worse' | 'same' | 'neutral';

/**
 * Whether a change is good news, by the metric's direction (lib/kpi/definitions.ts): a lower AHT
 * is better, a lower CSAT worse; a figure without a direction (a count) changes neutrally. A
 * change that rounds to nothing as displayed is the same.
 */
export function changeVerdict(unit: FigureUnit, direction: MetricDirection | null, delta: number | null | undefined): ChangeVerdict | null {
  if (!present(delta)) return null;
  const shown = displayedChange(unit, delta);
  if (shown === 0) return 'same';
  if (direction === null) return 'neutral';
  return (shown > 0) === (direction === 'higher') ? 'better' : 'worse';
}
