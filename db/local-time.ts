// Site-local days, computed in JavaScript with @date-fns/tz from the tz database of the Node
// runtime the project pins (server/time/tz-data.ts), never in SQL: a database server's own tz data
// may be older (Debian's 2025b still puts Africa/Casablanca on UTC+1 after 2026-09-20, where 2026c
// has UTC+0) and would file a record on another day. Ingest stores each record's day
// (call_records.local_day, qa_evaluations.local_day); queries select and group by it.
import { TZDate, tzOffset } from '@date-fns/tz';

const DAY_MS = 86_400_000;
const BUCKET_MS = 15 * 60_000;
const MAX_CACHED = 20_000;
/** Per time zone, the UTC offset of each quarter-hour asked for (its number since the epoch). */
const offsets = new Map<string, Map<number, number>>();
/** YYYY-MM-DD of each day number since the epoch asked for. */
const dayNames = new Map<number, string>();

/** The UTC offset in minutes at an instant; cached per quarter-hour that holds no change. */
function offsetAt(timezone: string, ms: number): number {
  const bucket = Math.floor(ms / BUCKET_MS);
  let zone = offsets.get(timezone);
  if (!zone) offsets.set(timezone, (zone = new Map()));
  const cached = zone.get(bucket);
  if (cached !== undefined) return cached;
  const start = tzOffset(timezone, new Date(bucket * BUCKET_MS));
  const end = tzOffset(timezone, new Date((bucket + 1) * BUCKET_MS - 1));
  // A quarter-hour in which the offset changes is never cached: each instant is asked for.
  if (start !== end) return tzOffset(timezone, new Date(ms));
  if (zone.size >= MAX_CACHED) zone.clear();
  zone.set(bucket, start);
  return start;
}

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
  return dayName(Math.floor((ms + offsetAt(timezone, ms) * 60_000) / DAY_MS));
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
