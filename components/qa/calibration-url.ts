// The state of the calibration page in its URL: the period, weekly or monthly buckets, the site
// in focus. Pure.
import { checkRange, shiftDay, todayIn } from '@/lib/kpi/periods';
import type { ParamRecord } from './qa-url';

export type CalibrationState = { from: string; to: string; granularity: 'week' | 'month'; focus?: string };

/** Re-scores are a sample of about one call in ten: a quarter gives each site enough pairs. */
export const DEFAULT_CALIBRATION_DAYS = 91;

function first(params: ParamRecord, name: string): string | undefined {
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

export function readCalibrationState(params: ParamRecord, now: Date, timeZone: string): CalibrationState {
  const from = first(params, 'from');
  const to = first(params, 'to');
  const focus = first(params, 'site')?.toUpperCase();
  const granularity = first(params, 'granularity') === 'month' ? 'month' : 'week';
  const base = { granularity, focus: focus && /^[A-Z]{2,8}$/.test(focus) ? focus : undefined } as const;
  if (from && to && checkRange(from, to).ok) return { from, to, ...base };
  const yesterday = shiftDay(todayIn(now, timeZone), -1);
  return { from: shiftDay(yesterday, -(DEFAULT_CALIBRATION_DAYS - 1)), to: yesterday, ...base };
}

export function calibrationHref(state: CalibrationState): string {
  const query = new URLSearchParams({ from: state.from, to: state.to, granularity: state.granularity });
  if (state.focus) query.set('site', state.focus);
  return `/qa/calibration?${query.toString()}`;
}
