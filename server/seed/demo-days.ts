// The demo's days as its generators draw them: each site-local date of a site's calendar, placed
// against the day the demo was seeded (missions, the outage week, the growth over the history)
// with that date's opening hours. The seed draws its history from these and the live simulator
// draws today from them, so both keep the one shape of the demo.
import { addDays } from '@/db/local-time';
import type { DemoDay } from '@/db/seed/demo-calls';
import type { WeeklyHours } from '@/db/schema';
import type { CalendarDay } from '@/lib/calendar/days';
import { minutesOpen, weeklyHoursOn } from '@/lib/calendar/hours';

/** What the demo was seeded with: enough to draw any of its days again. */
export type DemoShape = {
  seed: number;
  /** Days of seeded history. */
  totalDays: number;
  /** The UTC date of the instant the demo was seeded: offset 0 of missions and of the outage week. */
  referenceDay: string;
};

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The outage week: about five weeks back, or the middle third of a short seed (offsets from the reference day). */
export function outageOffsets(days: number): { from: number; to: number } {
  const end = days >= 45 ? 35 : Math.max(1, Math.floor(days / 3));
  return { from: -(end + 6), to: -end };
}

/** Only Algiers loses its telephony, for the outage week. */
export function isOutageDay(code: string, day: Pick<DemoDay, 'offset'>, totalDays: number): boolean {
  const outage = outageOffsets(totalDays);
  return code === 'ALG' && day.offset >= outage.from && day.offset <= outage.to;
}

/**
 * The demo day of one calendar day. A closed day (holiday, closure, a weekday without hours) gets no
 * call; a special period's shorter hours get the weekday's calls in proportion to its open time.
 */
export function demoDayOf(day: CalendarDay, weeklyHours: WeeklyHours | null, shape: Pick<DemoShape, 'totalDays' | 'referenceDay'>): DemoDay {
  const offset = daysFrom(shape.referenceDay, day.date);
  const open = minutesOpen(day.hours);
  const usual = minutesOpen(weeklyHoursOn(weeklyHours, day.date));
  const volumeFactor = open === 0 ? 0 : day.kind === 'special' && usual > 0 ? Math.min(1, open / usual) : 1;
  return {
    key: day.date,
    index: shape.totalDays - 1 + offset,
    weekday: new Date(`${day.date}T00:00:00Z`).getUTCDay(),
    offset,
    hours: day.hours,
    volumeFactor,
  };
}

/** The first of `totalDays` days of history that end on `lastDay`. */
export function firstHistoryDay(lastDay: string, totalDays: number): string {
  return addDays(lastDay, -(totalDays - 1));
}

/** The site that runs short of agents for two weeks of the month before the demo's today. */
export const UNDERSTAFFED_SITE = 'MRU';

/** The Monday (YYYY-MM-DD) of the ISO week that holds a day. */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * The Mondays of the last two ISO weeks of the month before `today`'s month (a week belongs to
 * the month that holds its Thursday, as contract statements count weeks): the two weeks the
 * understaffed site's service level drops, so that its statement of the last full month shows two
 * missed weekly service-level periods and the penalty they cost.
 */
export function understaffedWeeks(today: string): [string, string] {
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  // The last Thursday before this month began is the Thursday of the previous month's last week.
  const lastDayBefore = addDays(firstOfMonth, -1);
  const weekday = new Date(`${lastDayBefore}T00:00:00Z`).getUTCDay();
  const lastThursday = addDays(lastDayBefore, -((weekday - 4 + 7) % 7));
  const last = mondayOf(lastThursday);
  return [addDays(last, -7), last];
}

/** True on the days of the understaffed weeks at the understaffed site (`today`: the site's local today). */
export function isUnderstaffedDay(code: string, day: string, today: string): boolean {
  if (code !== UNDERSTAFFED_SITE) return false;
  const [first, last] = understaffedWeeks(today);
  return day >= first && day <= addDays(last, 6);
}
