// A wall-clock time in an IANA zone → the instant it names, with the zone's offset at that instant.
// The spring-forward gap names no instant (refused); the repeated fall-back hour names two, and
// the earlier is taken (the caller notes it). The offsets are the wall clock's (one per zone,
// memoised by quarter hour), so a 100,000-row export costs a few thousand tz look-ups.
import { zoneClock, type ZoneClock } from '../wall-clock';

export type ZonedResult =
  | { ok: true; epochMs: number; offsetMinutes: number; ambiguous: boolean }
  | { ok: false; reason: 'nonexistent' };

/**
 * One memoised clock per zone (lib/importers/wall-clock.ts, shared with the CDR importer). The
 * server keeps this module for good, so the clocks are dropped every so many look-ups: a file whose
 * dates span centuries must not leave its quarter hours in memory.
 */
const clocks = new Map<string, ZoneClock>();
const LOOKUPS_BEFORE_RESET = 250_000;
let lookups = 0;
function clockOf(zone: string): ZoneClock {
  if (++lookups > LOOKUPS_BEFORE_RESET) {
    clocks.clear();
    lookups = 0;
  }
  let clock = clocks.get(zone);
  if (!clock) {
    clock = zoneClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
}

/** The zone's offset from UTC, in minutes, at an instant. */
export function offsetMinutesAt(zone: string, epochMs: number): number {
  return clockOf(zone).offsetAt(epochMs);
}

/** The instant of a wall-clock time (its fields as Date.UTC takes them, month 0-based) in a zone. */
export function zonedInstant(zone: string, year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): ZonedResult {
  const reading = clockOf(zone).read(Date.UTC(year, month, day, hour, minute, second, ms));
  if (reading.kind === 'nonexistent') return { ok: false, reason: 'nonexistent' };
  return { ok: true, epochMs: reading.ms, offsetMinutes: reading.offsetMinutes, ambiguous: reading.kind === 'ambiguous' };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 of an instant as the wall clock of an offset shows it: 2026-10-25T02:30:00+02:00. */
export function isoWithOffset(epochMs: number, offsetMinutes: number): string {
  const wall = new Date(epochMs + offsetMinutes * 60_000);
  const ms = wall.getUTCMilliseconds();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    (ms === 0 ? '' : `.${pad(ms, 3)}`) +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
