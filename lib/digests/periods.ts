// Which period a digest covers and when it is due. Pure: the instant is given, and every date is
// the recipient's local date in the subscription's time zone.
//
// A daily digest sent on local day D covers D−1; a weekly one, sent on Mondays, covers the
// Monday-to-Sunday week before. It is due from the first instant the local wall clock on its send
// day reads the send time or later: a send time inside the hour skipped in spring goes out as soon
// as the clock jumps past it, one inside the hour repeated in autumn at its first occurrence, and
// once due a period stays due (the repeated hour does not bring the previous period back).
import { TZDate } from '@date-fns/tz';
import { shiftDay, type DateRange } from '@/lib/kpi/periods';

/** The digest_cadence enum of the schema (a test in db/schema holds them equal). */
export const CADENCES = ['daily', 'weekly'] as const;
export type Cadence = (typeof CADENCES)[number];

export type DigestSchedule = { cadence: Cadence; sendMinute: number; timezone: string };

/** A period and the local day its digest is sent on. */
export type DigestPeriod = DateRange & { sendDay: string };

export const MINUTES_PER_DAY = 1440;

/** True for a time zone name the runtime knows (IANA, e.g. Europe/Paris). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '' || timeZone !== timeZone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export type LocalClock = {
  day: string;
  /** Minutes after local midnight, 0–1439. */
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
};

/** The wall clock in a time zone at an instant. */
export function localClock(now: Date, timeZone: string): LocalClock {
  const local = new TZDate(now.getTime(), timeZone);
  const year = local.getFullYear();
  if (Number.isNaN(year)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    day: `${year}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
    minute: local.getHours() * 60 + local.getMinutes(),
    isoWeekday: local.getDay() === 0 ? 7 : local.getDay(),
  };
}

/** The period a digest sent on `sendDay` covers. */
export function periodForSendDay(cadence: Cadence, sendDay: string): DigestPeriod {
  if (cadence === 'daily') {
    const day = shiftDay(sendDay, -1);
    return { from: day, to: day, sendDay };
  }
  return { from: shiftDay(sendDay, -7), to: shiftDay(sendDay, -1), sendDay };
}

function mondayOnOrBefore(clock: LocalClock): string {
  return shiftDay(clock.day, -(clock.isoWeekday - 1));
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** The local wall-clock time at an instant, written as if it were UTC (ms). */
function wallMs(instant: number, timeZone: string): number {
  const l = new TZDate(instant, timeZone);
  return Date.UTC(l.getFullYear(), l.getMonth(), l.getDate(), l.getHours(), l.getMinutes(), l.getSeconds());
}

/**
 * The first instant at which the wall clock of `day` in the time zone reads `minute` or later.
 * An ordinary time has one instant; a repeated one (autumn) two, and the first is taken; a skipped
 * one (spring) none, and the instant the clock jumps past it is taken.
 */
export function sendInstant(day: string, minute: number, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  // The offsets in force around that day: one, or the two on either side of a change.
  const offsets = new Set([-36, -12, 0, 12, 36].map((h) => wallMs(wall + h * HOUR_MS, timeZone) - (wall + h * HOUR_MS)));
  const exact = [...offsets].map((offset) => wall - offset).filter((t) => wallMs(t, timeZone) === wall);
  if (exact.length > 0) return new Date(Math.min(...exact));
  // Inside a gap: the clock is monotonic here, so search for the first minute past the wall time.
  let low = wall - Math.max(...offsets);
  let high = wall - Math.min(...offsets);
  while (high - low > MINUTE_MS) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wallMs(mid, timeZone) >= wall) high = mid;
    else low = mid;
  }
  return new Date(high);
}

function reached(day: string, schedule: DigestSchedule, now: Date): boolean {
  return now.getTime() >= sendInstant(day, schedule.sendMinute, schedule.timezone).getTime();
}

/**
 * The latest period whose digest is due at `now`: the one to send if it has not gone out yet.
 * A period missed while nothing ran is superseded by the next one, so at most one is ever owed.
 */
export function latestDuePeriod(schedule: DigestSchedule, now: Date): DigestPeriod {
  const clock = localClock(now, schedule.timezone);
  if (schedule.cadence === 'daily') return periodForSendDay('daily', reached(clock.day, schedule, now) ? clock.day : shiftDay(clock.day, -1));
  const monday = mondayOnOrBefore(clock);
  const dueThisWeek = clock.day !== monday || reached(monday, schedule, now);
  return periodForSendDay('weekly', dueThisWeek ? monday : shiftDay(monday, -7));
}

/**
 * Whether a due period is owed to a subscription set up (created, changed or resumed) at
 * `setUpAt`: not when its send instant came before that, so that a change takes effect from the
 * next send, as the settings page announces. A replay as of an instant before the set-up (the
 * CLI's --now in the past) is not held to it: the subscription is taken as always there.
 */
export function isOwed(schedule: DigestSchedule, period: DigestPeriod, setUpAt: Date, now: Date): boolean {
  if (now.getTime() < setUpAt.getTime()) return true;
  return sendInstant(period.sendDay, schedule.sendMinute, schedule.timezone).getTime() >= setUpAt.getTime();
}

/** The next send after `now` (local day and minute) and the period it will cover. */
export function nextSend(schedule: DigestSchedule, now: Date): DigestPeriod & { at: Date } {
  const due = latestDuePeriod(schedule, now);
  const sendDay = shiftDay(due.sendDay, schedule.cadence === 'daily' ? 1 : 7);
  return { ...periodForSendDay(schedule.cadence, sendDay), at: sendInstant(sendDay, schedule.sendMinute, schedule.timezone) };
}

/**
 * The last period that is over at `now` in the recipient's time zone, whether or not its digest
 * is due yet: what a test send or a preview shows (yesterday, or last Monday-to-Sunday week).
 */
export function lastCompletePeriod(schedule: Pick<DigestSchedule, 'cadence' | 'timezone'>, now: Date): DigestPeriod {
  const clock = localClock(now, schedule.timezone);
  return periodForSendDay(schedule.cadence, schedule.cadence === 'daily' ? clock.day : mondayOnOrBefore(clock));
}

/** "07:00" ⇄ 420. */
export function formatSendTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function parseSendTime(value: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}
