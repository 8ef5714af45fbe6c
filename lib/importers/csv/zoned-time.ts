// A wall-clock time in an IANA zone → the instant it names, with the zone's offset at that instant.
// The spring-forward gap names no instant (refused); the repeated fall-back hour names two, and
// the earlier is taken (the caller notes it). Offsets come from Intl, cached per zone and hour,
// since an export's calls crowd into few hours and formatToParts is the costly part.

export type ZonedResult =
  | { ok: true; epochMs: number; offsetMinutes: number; ambiguous: boolean }
  | { ok: false; reason: 'nonexistent' };

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC, in minutes, at an instant. */
export function offsetMinutesAt(zone: string, epochMs: number): number {
  const parts = formatterOf(zone).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

const candidateCache = new Map<string, number[]>();

/** The offsets in force around a wall-clock hour (one, or two near a transition). */
function candidateOffsets(zone: string, wallMs: number): number[] {
  const key = `${zone}\u0000${Math.floor(wallMs / HOUR)}`;
  let found = candidateCache.get(key);
  if (!found) {
    found = [...new Set([offsetMinutesAt(zone, wallMs - 14 * HOUR), offsetMinutesAt(zone, wallMs + 14 * HOUR), offsetMinutesAt(zone, wallMs)])];
    if (candidateCache.size > 50_000) candidateCache.clear();
    candidateCache.set(key, found);
  }
  return found;
}

/** The instant of a wall-clock time (its fields as Date.UTC takes them, month 0-based) in a zone. */
export function zonedInstant(zone: string, year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): ZonedResult {
  const wallMs = Date.UTC(year, month, day, hour, minute, second, ms);
  const valid: { epochMs: number; offset: number }[] = [];
  for (const offset of candidateOffsets(zone, wallMs)) {
    const epochMs = wallMs - offset * 60_000;
    if (offsetMinutesAt(zone, epochMs) === offset) valid.push({ epochMs, offset });
  }
  if (valid.length === 0) return { ok: false, reason: 'nonexistent' };
  valid.sort((a, b) => a.epochMs - b.epochMs);
  return { ok: true, epochMs: valid[0]!.epochMs, offsetMinutes: valid[0]!.offset, ambiguous: valid.length > 1 };
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
