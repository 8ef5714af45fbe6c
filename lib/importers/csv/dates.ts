// A start time as a mapping's date format writes it → ISO 8601 with an offset. Each format is one
// regular expression compiled once; local formats are read in the mapping's time zone.
import { EARLIEST_INSTANT, LATEST_INSTANT } from '@/lib/ingest/call-record.schema';
import type { CsvDateFormat } from '../csv-mapping';
import { isoWithOffset, zonedInstant } from './zoned-time';

export type ParsedStart = { ok: true; iso: string; ambiguous: boolean } | { ok: false; reason: string };

type Fields = { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number };

const TIME = '(\\d{1,2}):(\\d{2})';
const SECONDS = ':(\\d{2})(?:[.,](\\d{1,9}))?';

/** Local formats: the pattern, and where each group lands (d day, M month, y year, then time). */
const LOCAL: Record<Exclude<CsvDateFormat, 'iso' | 'epoch-s' | 'epoch-ms'>, { re: RegExp; order: ('y' | 'M' | 'd')[]; seconds: boolean }> = {
  'yyyy-MM-dd HH:mm:ss': { re: new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})[ T]${TIME}${SECONDS}$`), order: ['y', 'M', 'd'], seconds: true },
  'yyyy-MM-dd HH:mm': { re: new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})[ T]${TIME}$`), order: ['y', 'M', 'd'], seconds: false },
  'dd/MM/yyyy HH:mm:ss': { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4}) +${TIME}${SECONDS}$`), order: ['d', 'M', 'y'], seconds: true },
  'dd/MM/yyyy HH:mm': { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4}) +${TIME}$`), order: ['d', 'M', 'y'], seconds: false },
  'MM/dd/yyyy HH:mm:ss': { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4}) +${TIME}${SECONDS}$`), order: ['M', 'd', 'y'], seconds: true },
  'MM/dd/yyyy HH:mm': { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4}) +${TIME}$`), order: ['M', 'd', 'y'], seconds: false },
  'dd.MM.yyyy HH:mm:ss': { re: new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}) +${TIME}${SECONDS}$`), order: ['d', 'M', 'y'], seconds: true },
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^-?\d+(?:\.\d+)?$/;

const EARLIEST = EARLIEST_INSTANT;
const LATEST = LATEST_INSTANT;

/** Milliseconds of a fraction of a second as written ("5" = 500 ms), to the millisecond. */
const fractionMs = (fraction: string | undefined) => (fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0);

function checkFields(f: Fields): string | null {
  const daysInMonth = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  if (f.month < 1 || f.month > 12) return 'no such month';
  if (f.day < 1 || f.day > daysInMonth) return 'no such day in that month';
  if (f.hour > 23 || f.minute > 59 || f.second > 59) return 'no such time of day';
  if (f.ms >= 1000) return 'no such time of day';
  return null;
}

function inRange(epochMs: number): boolean {
  return epochMs >= EARLIEST && epochMs < LATEST;
}

function local(f: Fields, zone: string | undefined, value: string): ParsedStart {
  const bad = checkFields(f);
  if (bad) return { ok: false, reason: `start time '${value}' is not a date: ${bad}` };
  if (!zone) return { ok: false, reason: `start time '${value}' has no offset and the mapping names no time zone` };
  const at = zonedInstant(zone, f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms);
  if (!at.ok) return { ok: false, reason: `start time '${value}' does not exist in ${zone} (the clocks skipped it)` };
  if (!inRange(at.epochMs)) return { ok: false, reason: `start time '${value}' is outside the years 1900 to 2199` };
  return { ok: true, iso: isoWithOffset(at.epochMs, at.offsetMinutes), ambiguous: at.ambiguous };
}

/** Reads a start time; `value` is the cell (or the date and time cells joined by a space). */
export function parseStart(value: string, format: CsvDateFormat, zone: string | undefined): ParsedStart {
  const v = value.trim();
  if (v === '') return { ok: false, reason: 'start time is empty' };
  if (format === 'epoch-s' || format === 'epoch-ms') {
    if (!EPOCH.test(v)) return { ok: false, reason: `start time is not a number of ${format === 'epoch-s' ? 'seconds' : 'milliseconds'}: '${v}'` };
    const ms = Math.round(Number(v) * (format === 'epoch-s' ? 1000 : 1));
    if (!inRange(ms)) return { ok: false, reason: `start time '${v}' is outside the years 1900 to 2199` };
    return { ok: true, iso: new Date(ms).toISOString(), ambiguous: false };
  }
  if (format === 'iso') {
    const m = ISO.exec(v);
    if (!m) return { ok: false, reason: `start time is not an ISO 8601 date-time: '${v}'` };
    const f: Fields = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: m[6] ? +m[6] : 0, ms: fractionMs(m[7]) };
    const zonePart = m[8];
    if (zonePart === undefined) return local(f, zone, v);
    const bad = checkFields(f);
    if (bad) return { ok: false, reason: `start time '${v}' is not a date: ${bad}` };
    let offset = 0;
    if (zonePart !== 'Z' && zonePart !== 'z') {
      const digits = zonePart.slice(1).replace(':', '');
      offset = (zonePart[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
      if (Math.abs(offset) > 18 * 60) return { ok: false, reason: `start time '${v}' has no such offset` };
    }
    const epochMs = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms) - offset * 60_000;
    if (!inRange(epochMs)) return { ok: false, reason: `start time '${v}' is outside the years 1900 to 2199` };
    return { ok: true, iso: isoWithOffset(epochMs, offset), ambiguous: false };
  }
  const spec = LOCAL[format];
  const m = spec.re.exec(v);
  if (!m) return { ok: false, reason: `start time is not a date as ${format}: '${v}'` };
  const by = { y: 0, M: 0, d: 0 };
  spec.order.forEach((part, i) => (by[part] = Number(m[i + 1])));
  const f: Fields = {
    year: by.y,
    month: by.M,
    day: by.d,
    hour: +m[4]!,
    minute: +m[5]!,
    second: spec.seconds ? +m[6]! : 0,
    ms: spec.seconds ? fractionMs(m[7]) : 0,
  };
  return local(f, zone, v);
}
