// Date ranges of site-local days (YYYY-MM-DD, both ends included). Pure: "today" is given, and
// day arithmetic runs on UTC calendar dates so the server's own time zone never matters.
import { utcOffsetMinutes } from '@/lib/time/utc-offset';

export const MAX_RANGE_DAYS = 400;

export type DateRange = { from: string; to: string };

/**
 * 'today' is live: each site's own local day so far, compared with the same weekday last week at
 * the same local time (server/kpi/today.ts), not a range of whole days like the others.
 */
export const RANGE_PRESETS = ['today', 'yesterday', 'last_7_days', 'last_30_days', 'month_to_date'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const DAY_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A YYYY-MM-DD day as the UTC instant of its midnight, or null when it is no real date. Plain
 * arithmetic: pages call these for every day of every site and mission (a calendar library's
 * time-zone date cost a tenth of a dashboard's render).
 */
function utcDay(day: string): number | null {
  const match = DAY_FORMAT.exec(day);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  // Rejects 2024-02-30 and the like, which Date would roll over into March (and years before 100,
  // which Date.UTC maps to 19xx).
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return ms;
}

export function isIsoDay(value: string): boolean {
  return utcDay(value) !== null;
}

const DAY_MS = 86_400_000;

/** A YYYY-MM-DD day of a UTC instant: plain arithmetic, no time zone to consult. */
const dayOfUtcMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function shiftDay(day: string, days: number): string {
  const ms = utcDay(day);
  if (ms === null) throw new RangeError(`Not a date: ${day}`);
  return dayOfUtcMs(ms + days * DAY_MS);
}

/** The Monday of the ISO week (Monday to Sunday) holding a YYYY-MM-DD day. */
export function isoWeekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return shiftDay(day, -((weekday + 6) % 7));
}

/** Days in a range, both ends included. */
export function rangeLength(range: DateRange): number {
  const from = utcDay(range.from);
  const to = utcDay(range.to);
  if (from === null || to === null) throw new RangeError(`Not a date range: ${range.from}..${range.to}`);
  return Math.round((to - from) / DAY_MS) + 1;
}

/** Every day of a range, in order. */
export function daysOf(range: DateRange): string[] {
  const length = rangeLength(range);
  const start = utcDay(range.from)!;
  // Thousands of days per comparison (sites × days): UTC arithmetic, not a calendar library call each.
  return Array.from({ length }, (_, i) => dayOfUtcMs(start + i * DAY_MS));
}

export type RangeCheck = { ok: true; range: DateRange } | { ok: false; field: 'from' | 'to'; message: string };

/** Validates a from/to pair: real dates, from ≤ to, at most MAX_RANGE_DAYS days. */
export function checkRange(from: string, to: string): RangeCheck {
  if (!isIsoDay(from)) return { ok: false, field: 'from', message: 'from must be a date as YYYY-MM-DD' };
  if (!isIsoDay(to)) return { ok: false, field: 'to', message: 'to must be a date as YYYY-MM-DD' };
  const length = rangeLength({ from, to });
  if (length < 1) return { ok: false, field: 'to', message: 'to must not be before from' };
  if (length > MAX_RANGE_DAYS) return { ok: false, field: 'to', message: `A range covers at most ${MAX_RANGE_DAYS} days` };
  return { ok: true, range: { from, to } };
}

export function parseRange(from: string, to: string): DateRange {
  const checked = checkRange(from, to);
  if (!checked.ok) throw new RangeError(checked.message);
  return checked.range;
}

/** The period of equal length that ends the day before this one starts. */
export function previousRange(range: DateRange): DateRange {
  const length = rangeLength(range);
  return { from: shiftDay(range.from, -length), to: shiftDay(range.from, -1) };
}

/** The calendar date at an instant in a time zone. */
export function todayIn(now: Date, timeZone: string): string {
  const ms = now.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Not an instant');
  const offset = utcOffsetMinutes(timeZone, ms);
  if (Number.isNaN(offset)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return dayOfUtcMs(ms + offset * 60_000);
}

/**
 * A preset relative to today in a time zone. The "last N days" presets are the N complete days
 * that end yesterday (today is still being filled); month to date includes today.
 */
export function presetRange(preset: RangePreset, now: Date, timeZone: string): DateRange {
  const today = todayIn(now, timeZone);
  const yesterday = shiftDay(today, -1);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: yesterday, to: yesterday };
    case 'last_7_days':
      return { from: shiftDay(today, -7), to: yesterday };
    case 'last_30_days':
      return { from: shiftDay(today, -30), to: yesterday };
    case 'month_to_date':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}
