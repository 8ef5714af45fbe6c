// A PBX's wall-clock readings ("YYYY-MM-DD HH:MM:SS", no offset) as instants of its IANA zone, and
// back. Offsets come from the runtime's tz data through @date-fns/tz; they are looked up once per
// quarter hour of UTC (every offset change since 1970 falls on a quarter hour), so a 100,000-line
// file costs a few thousand look-ups, not 300,000.
import { tzOffset } from '@date-fns/tz';

const MINUTE_MS = 60_000;
const QUARTER_MS = 15 * MINUTE_MS;
const DAY_MS = 86_400_000;

/** What a wall-clock reading is in its zone: one instant, two (clocks went back), or none (clocks went forward). */
export type LocalReading =
  | { kind: 'exact'; ms: number; offsetMinutes: number }
  | { kind: 'ambiguous'; ms: number; offsetMinutes: number }
  | { kind: 'nonexistent' };

/** Offsets of one zone, memoised by quarter hour of UTC. */
export type ZoneClock = {
  zone: string;
  offsetAt(ms: number): number;
  /** The instant a wall-clock reading (as milliseconds of a UTC-labelled clock) names; the earlier one when it names two. */
  read(wallMs: number): LocalReading;
  /** "YYYY-MM-DD HH:MM:SS" of an instant on this zone's clock. */
  wallText(ms: number): string;
};

/** Whether the runtime knows this IANA zone. */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function zoneClock(zone: string): ZoneClock {
  const memo = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const quarter = Math.floor(ms / QUARTER_MS);
    let offset = memo.get(quarter);
    if (offset === undefined) {
      offset = tzOffset(zone, new Date(quarter * QUARTER_MS));
      memo.set(quarter, offset);
    }
    return offset;
  };
  const readQuarter = (wallMs: number): LocalReading => {
    // The offsets in force a day either side hold every offset that can apply at this reading.
    const before = offsetAt(wallMs - DAY_MS);
    const after = offsetAt(wallMs + DAY_MS);
    const fits = (offset: number) => offsetAt(wallMs - offset * MINUTE_MS) === offset;
    const fitsBefore = fits(before);
    if (before === after) return fitsBefore ? { kind: 'exact', ms: wallMs - before * MINUTE_MS, offsetMinutes: before } : { kind: 'nonexistent' };
    const fitsAfter = fits(after);
    if (fitsBefore && fitsAfter) {
      // Lived twice: the earlier instant is the one under the larger offset.
      const offset = Math.max(before, after);
      return { kind: 'ambiguous', ms: wallMs - offset * MINUTE_MS, offsetMinutes: offset };
    }
    if (fitsBefore) return { kind: 'exact', ms: wallMs - before * MINUTE_MS, offsetMinutes: before };
    if (fitsAfter) return { kind: 'exact', ms: wallMs - after * MINUTE_MS, offsetMinutes: after };
    return { kind: 'nonexistent' };
  };
  // Every reading of one wall-clock quarter hour is read alike (offsets change on quarter hours), so
  // the reading of its first instant serves the whole quarter.
  const readings = new Map<number, LocalReading>();
  const read = (wallMs: number): LocalReading => {
    const quarter = Math.floor(wallMs / QUARTER_MS);
    let reading = readings.get(quarter);
    if (reading === undefined) {
      reading = readQuarter(quarter * QUARTER_MS);
      readings.set(quarter, reading);
    }
    if (reading.kind === 'nonexistent') return reading;
    return { kind: reading.kind, ms: wallMs - reading.offsetMinutes * MINUTE_MS, offsetMinutes: reading.offsetMinutes };
  };
  const wallText = (ms: number): string => {
    const iso = new Date(ms + offsetAt(ms) * MINUTE_MS).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  };
  return { zone, offsetAt, read, wallText };
}

const digits = (text: string, from: number, count: number): number => {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
};

/** A "YYYY-MM-DD HH:MM:SS" reading as milliseconds of a UTC-labelled clock, or null when it is no such reading. */
export function parseWallClock(text: string): number | null {
  if (text.length !== 19 || text[4] !== '-' || text[7] !== '-' || text[10] !== ' ' || text[13] !== ':' || text[16] !== ':') return null;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const s = digits(text, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return null;
  // Date.UTC reads the years 0–99 as 1900–1999: those are counted from 400 years on (the calendar repeats every 400 years).
  const ms = y < 100 ? Date.UTC(y + 400, mo - 1, d, h, mi, s) - 12_622_780_800_000 : Date.UTC(y, mo - 1, d, h, mi, s);
  // 2026-02-30 rolls over into March: not a date the PBX wrote.
  if (new Date(ms).getUTCDate() !== d) return null;
  return ms;
}

/** "+01:00", "-04:30", "+00:00". */
export function offsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The ISO 8601 text of a wall-clock reading with the zone's offset at that instant, e.g. 2026-03-29T01:30:00+01:00. */
export function isoWithOffset(wallText: string, offsetMinutes: number): string {
  return `${wallText.slice(0, 10)}T${wallText.slice(11, 19)}${offsetText(offsetMinutes)}`;
}
