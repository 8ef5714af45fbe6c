// Figures and dates as the digest writes them, in the recipient's locale: figures and changes
// through the formatter the dashboard uses (lib/kpi/format.ts), dates with Intl.
import { METRICS, type RollupMetric, type TargetBounds } from '@/lib/kpi/definitions';
import { changeVerdict, formatChange, formatCount, formatDuration, formatMetricValue, formatPercent, NO_VALUE } from '@/lib/kpi/format';
import type { DigestStrings } from './strings';

export type Verdict = 'better' | 'worse' | 'same';

export { formatCount, formatDuration, formatPercent };

export function formatMetric(metric: RollupMetric, value: number | null, locale: string, noValue: string): string {
  const text = formatMetricValue(metric, value, locale);
  return text === NO_VALUE ? noValue : text;
}

/** The dashboard's change (lib/kpi/format.ts): "+2.1 pts" for ratios, "−12 s", "+1.5" for QA. */
export function formatMetricChange(metric: RollupMetric, change: number | null, locale: string, noValue: string, pointsLabel = 'pts'): string {
  const text = formatChange(METRICS[metric].unit, change, locale, pointsLabel);
  return text === NO_VALUE ? noValue : text;
}

/** Whether a change is good news for the metric (a lower AHT is better, a lower CSAT worse). */
export function verdictOf(metric: RollupMetric, change: number | null): Verdict | null {
  const verdict = changeVerdict(METRICS[metric].unit, METRICS[metric].direction, change);
  return verdict === 'neutral' ? null : verdict;
}

export function formatCountChange(change: number | null, locale: string, noValue: string): string {
  const text = formatChange('count', change, locale, '');
  return text === NO_VALUE ? noValue : text;
}

/** The green bound as a target: "≥ 80.0%" for higher-is-better, "≤ 5:00" for lower-is-better. */
export function formatTarget(metric: RollupMetric, target: TargetBounds, strings: DigestStrings): string {
  const value = formatMetric(metric, target.green, strings.intlLocale, strings.noValue);
  return METRICS[metric].direction === 'higher' ? strings.targetAtLeast(value) : strings.targetAtMost(value);
}

const dayDate = (day: string) => new Date(`${day}T12:00:00Z`);

/** "25 Nov 2026" / "25 nov. 2026". */
export function formatDayShort(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(dayDate(day));
}

/** "Tuesday 24 November 2026" / "mardi 24 novembre 2026". */
export function formatDayLong(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dayDate(day));
}

/** "23–29 Nov 2026", "30 Nov – 6 Dec 2026"; a single day when both ends are the same. */
export function formatDayRange(from: string, to: string, locale: string, month: 'short' | 'long' = 'short'): string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month, year: 'numeric', timeZone: 'UTC' });
  return from === to ? format.format(dayDate(from)) : format.formatRange(dayDate(from), dayDate(to));
}

/** An instant in the recipient's time zone: "25 Nov 2026, 06:40". */
export function formatInstant(at: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(at);
}

/** "5 hours ago", "3 days ago", from whole hours. */
export function formatAgo(now: Date, at: Date, strings: DigestStrings): string {
  const hours = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 3_600_000));
  return hours < 48 ? strings.feeds.hoursAgo(hours) : strings.feeds.daysAgo(Math.floor(hours / 24));
}
