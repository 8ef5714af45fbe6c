// Opening hours as instants: when a site opens and closes, across days and across changes of UTC
// offset, from the runtime's tz data (the one clock). Pure: the days and "now" are given.
//
// A wall-clock time is read as the first instant at which the site's clock shows it or a later
// time: an opening at 02:30 on the day Paris skips 02:00–03:00 happens at 03:00; on the day 02:00–03:00
// is lived twice, 02:30 is the first 02:30. "24:00" is the next local midnight. So a day open
// 00:00–24:00 is open its whole 23 or 25 hours, and a period inside a skipped hour does not exist.
import { utcOffsetMinutes } from '@/lib/time/utc-offset';
import type { CalendarDay } from './days';
import { minuteOfTime } from './hours';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The site-local wall-clock reading of an instant, as milliseconds of a UTC-labelled clock. */
function wallClock(ms: number, timezone: string): number {
  return ms + utcOffsetMinutes(timezone, ms) * MINUTE_MS;
}

/** The first instant at which the site's clock shows `minute` (0–1440) of `day` or later. */
export function instantOfLocalMinute(day: string, minute: number, timezone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`) + minute * MINUTE_MS;
  // The offsets in force a day either side hold every offset that can apply at this wall time.
  const offsets = new Set([-DAY_MS, 0, DAY_MS].map((d) => utcOffsetMinutes(timezone, wall + d)));
  const exact = [...offsets].map((o) => wall - o * MINUTE_MS).filter((ms) => wallClock(ms, timezone) === wall);
  if (exact.length > 0) return new Date(Math.min(...exact));
  // Skipped by a change of offset: the first instant after the gap. Between the two readings the
  // clock jumps once, so the first instant showing `wall` or later is found by bisection (minutes).
  const candidates = [...offsets].map((o) => wall - o * MINUTE_MS);
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wallClock(mid, timezone) >= wall) hi = mid;
    else lo = mid;
  }
  return new Date(wallClock(lo, timezone) >= wall ? lo : hi);
}

export type OpenInterval = { start: Date; end: Date };

/**
 * The instants a site is open over consecutive days, [start, end) each, sorted; periods that touch
 * (24:00 one day, 00:00 the next) are joined, and a period that a change of offset empties is left out.
 */
export function openIntervals(days: readonly CalendarDay[], timezone: string): OpenInterval[] {
  const intervals: OpenInterval[] = [];
  for (const day of days) {
    for (const [from, to] of day.hours) {
      const start = instantOfLocalMinute(day.date, minuteOfTime(from)!, timezone);
      const end = instantOfLocalMinute(day.date, minuteOfTime(to)!, timezone);
      if (end.getTime() <= start.getTime()) continue;
      const last = intervals[intervals.length - 1];
      if (last && start.getTime() <= last.end.getTime()) {
        if (end.getTime() > last.end.getTime()) last.end = end;
      } else {
        intervals.push({ start, end });
      }
    }
  }
  return intervals;
}

/**
 * Open or closed at `now`, given the site's days around it (from the day before now's local day
 * on, as far ahead as an answer is wanted). `closesAt` (when open) and `opensAt` (when closed) are
 * ISO instants, null when the days given hold no such instant (open around the clock, or closed
 * past the last day given).
 */
export function openingAt(
  days: readonly CalendarDay[],
  timezone: string,
  now: Date,
): { open: boolean; closesAt: string | null; opensAt: string | null } {
  const t = now.getTime();
  const intervals = openIntervals(days, timezone);
  const current = intervals.find((i) => i.start.getTime() <= t && t < i.end.getTime());
  const lastDay = days[days.length - 1];
  const horizon = lastDay ? instantOfLocalMinute(lastDay.date, 1440, timezone).getTime() : t;
  if (current) {
    // An interval reaching the end of the days given may go on: its closing is not known.
    return { open: true, closesAt: current.end.getTime() >= horizon ? null : current.end.toISOString(), opensAt: null };
  }
  const next = intervals.find((i) => i.start.getTime() > t);
  return { open: false, closesAt: null, opensAt: next ? next.start.toISOString() : null };
}

/** Milliseconds of opening time between two instants, from intervals that cover them. */
export function openMillisecondsBetween(intervals: readonly OpenInterval[], from: Date, to: Date): number {
  let total = 0;
  for (const i of intervals) {
    const start = Math.max(i.start.getTime(), from.getTime());
    const end = Math.min(i.end.getTime(), to.getTime());
    if (end > start) total += end - start;
  }
  return total;
}
