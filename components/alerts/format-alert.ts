// An alert's figures as people read them, in the metric's unit and the reader's locale: the same
// formatting as the KPI pages (lib/kpi/format.ts) for counts, durations, ratios and QA scores, and
// whole minutes for the feed's silence. Pure (Intl only).
import { ALERT_METRIC_DEFINITIONS, type AlertMetric, type AlertUnit } from '@/lib/alerts/metrics';
import { formatFigureValue, NO_VALUE } from '@/lib/kpi/format';

export function formatAlertValue(unit: AlertUnit, value: number | null | undefined, locale: string): string {
  if (unit !== 'minutes') return formatFigureValue(unit, value, locale);
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value)} min`;
}

/** The unit of a metric by the name an alert carries; a count for a name the catalogue no longer has. */
export function unitOfMetric(metric: string): AlertUnit {
  return metric in ALERT_METRIC_DEFINITIONS ? ALERT_METRIC_DEFINITIONS[metric as AlertMetric].unit : 'count';
}

export function formatMetricFigure(metric: string, value: number | null | undefined, locale: string): string {
  return formatAlertValue(unitOfMetric(metric), value, locale);
}

/** The formula beside a figure, from the catalogue (the alert's own copy wins: it is what fired). */
export function formulaOf(metric: string, recorded?: string | null): string | null {
  if (recorded) return recorded;
  return metric in ALERT_METRIC_DEFINITIONS ? ALERT_METRIC_DEFINITIONS[metric as AlertMetric].formula : null;
}
