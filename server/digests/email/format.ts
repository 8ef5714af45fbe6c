// Figures and dates as the digest writes them, in the recipient's locale: the dashboard's
// conventions (m:ss durations, percentages with one decimal, changes in points), with Intl only.
import { METRICS, type RollupMetric, type TargetBounds } from '@/lib/kpi/definitions';
import type { DigestStrings } from './strings';

export type Verdict = 'better' | 'worse' | 'same';

/** 42 s under a minute, m:ss under an hour, h:mm:ss beyond. */
export function formatDuration(seconds: number, locale: string): string {
  const total = Math.round(Math.abs(seconds));
  const sign = seconds < 0 && total > 0 ? '-' : '';
  if (total < 60) return `${sign}${new Intl.NumberFormat(locale).format(total)} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

export function formatPercent(value: number, locale: string, digits = 1): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatMetric(metric: RollupMetric, value: number | null, locale: string, noValue: string): string {
  if (value === null || !Number.isFinite(value)) return noValue;
  switch (METRICS[metric].unit) {
    case 'seconds':
      return formatDuration(value, locale);
    case 'ratio':
      return formatPercent(value, locale);
    case 'score':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  }
}

/** The change as displayed: ratios in points with one decimal, scores one decimal, seconds whole. */
function shownChange(metric: RollupMetric, change: number): number {
  switch (METRICS[metric].unit) {
    case 'ratio':
      return Math.round(change * 1000) / 10;
    case 'score':
      return Math.round(change * 10) / 10;
    case 'seconds':
      return Math.round(change);
  }
}

/** "+2.1 pts", "−12 s", "+1.5 pts"; the no-value mark when there is nothing to compare. */
export function formatMetricChange(metric: RollupMetric, change: number | null, locale: string, noValue: string): string {
  if (change === null || !Number.isFinite(change)) return noValue;
  const shown = shownChange(metric, change);
  const unit = METRICS[metric].unit;
  const digits = unit === 'seconds' ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    shown === 0 ? 0 : shown,
  );
  return unit === 'seconds' ? `${number} s` : `${number} pts`;
}

/** Whether a change is good news for the metric (a lower AHT is better, a lower CSAT worse). */
export function verdictOf(metric: RollupMetric, change: number | null): Verdict | null {
  if (change === null || !Number.isFinite(change)) return null;
  const shown = shownChange(metric, change);
  if (shown === 0) return 'same';
  return (shown > 0) === (METRICS[metric].direction === 'higher') ? 'better' : 'worse';
}

export function formatCountChange(change: number | null, locale: string, noValue: string): string {
  if (change === null) return noValue;
  return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(change);
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
