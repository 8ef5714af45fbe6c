// Site-local days, computed in JavaScript with @date-fns/tz from the tz database of the Node
// runtime the project pins (server/time/tz-data.ts), never in SQL: a database server's own tz data
// may be older (Debian's 2025b still puts Africa/Casablanca on UTC+1 after 2026-09-20, where 2026c
// has UTC+0) and would file a record on another day. Ingest stores each record's day
// (call_records.local_day, qa_evaluations.local_day); queries select and group by it.
import { TZDate } from '@date-fns/tz';
import { utcOffsetMinutes } from '@/lib/time/utc-offset';

const DAY_MS = 86_400_000;
const MAX_CACHED = 20_000;
/** YYYY-MM-DD of each day number since the epoch asked for. */
const dayNames = new Map<number, string>();

function dayName(dayNumber: number): string {
  let name = dayNames.get(dayNumber);
  if (name === undefined) {
    if (dayNames.size >= MAX_CACHED) dayNames.clear();
    dayNames.set(dayNumber, (name = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10)));
  }
  return name;
}

/** The site-local date (YYYY-MM-DD) of an instant. */
export function localDayOf(at: Date | number, timezone: string): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  // Ingest asks this for every record: the day's name is looked up by its number, not formatted.
  return dayName(Math.floor((ms + utcOffsetMinutes(timezone, ms) * 60_000) / DAY_MS));
}

/** The date `days` after (or before) a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instant a site-local day begins. When local midnight does not exist (a change to summer
 * time at midnight), the day begins at the first local time that does.
 */
export function localMidnight(day: string, timezone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timezone).getTime());
}

/** [start, end) of a site-local day, as instants: the bounds that select its rows by index. */
export function localDayBounds(day: string, timezone: string): { start: Date; end: Date } {
  return { start: localMidnight(day, timezone), end: localMidnight(addDays(day, 1), timezone) };
}
