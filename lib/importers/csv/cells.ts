// Cells → CallRecord values: durations in their unit, yes/no and inbound/outbound by the mapping's
// lists, satisfaction scores. Each returns a value or the reason a site lead reads beside the line.
import { MAX_CALL_SECONDS } from '@/lib/ingest/call-record.schema';
import type { DurationUnit } from '../csv-mapping';

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const DECIMAL = /^\d+(?:[.,]\d+)?$/;
const CLOCK = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$/;

/** What each duration field is called in a reason. */
export const DURATION_WORDS = { waitSeconds: 'wait time', talkSeconds: 'talk time', holdSeconds: 'hold time', wrapSeconds: 'wrap-up time' } as const;

/**
 * A duration cell in seconds, to the millisecond. An empty cell is 0 s: exports leave the talk
 * time of an abandoned call blank. hh:mm:ss also takes mm:ss; decimals take a point or a comma.
 */
export function readDuration(cell: string, unit: DurationUnit, what: string): Read<number> {
  const v = cell.trim();
  if (v === '') return { ok: true, value: 0 };
  let seconds: number;
  if (unit === 'hh:mm:ss') {
    const m = CLOCK.exec(v);
    if (!m) return { ok: false, reason: `${what} is not a duration as hh:mm:ss: '${v}'` };
    seconds = Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + (m[4] ? Number(`0.${m[4]}`) : 0);
  } else {
    if (!DECIMAL.test(v)) return { ok: false, reason: `${what} is not a number of ${UNIT_WORDS[unit]}: '${v}'` };
    seconds = Number(v.replace(',', '.')) * UNIT_SECONDS[unit];
  }
  seconds = Math.round(seconds * 1000) / 1000;
  if (seconds > MAX_CALL_SECONDS) return { ok: false, reason: `${what} over a day: '${v}'` };
  return { ok: true, value: seconds };
}

const UNIT_SECONDS = { s: 1, ms: 0.001, min: 60 } as const;
const UNIT_WORDS = { s: 'seconds', ms: 'milliseconds', min: 'minutes' } as const;

/** A lookup of cell values regardless of case and surrounding spaces. */
export function valueSet(values: readonly string[]): Set<string> {
  return new Set(values.map((v) => v.trim().toLowerCase()));
}

/** One of two lists' sides, or the reason the cell is in neither. */
export function readChoice<T>(cell: string, left: Set<string>, leftValue: T, right: Set<string>, rightValue: T, what: string): Read<T> {
  const key = cell.trim().toLowerCase();
  if (left.has(key)) return { ok: true, value: leftValue };
  if (right.has(key)) return { ok: true, value: rightValue };
  return { ok: false, reason: `${what}: '${cell.trim()}' is none of the values the mapping lists` };
}

/** A satisfaction score, a whole number from 1 to 5. */
export function readCsat(cell: string): Read<number> {
  const v = cell.trim();
  if (!/^[1-5]$/.test(v)) return { ok: false, reason: `satisfaction is not a score from 1 to 5: '${v}'` };
  return { ok: true, value: Number(v) };
}
