// What a site's calendar makes of one date: a working day on its weekly hours, a public holiday, a
// closure, or a special period with its own hours. Pure: the site's exceptions are given.
import type { DayHours, WeeklyHours } from '@/db/schema/calendars';
import { AROUND_THE_CLOCK, weekdayOf, weeklyHoursOn } from './hours';

export type CalendarDayKind = 'working' | 'holiday' | 'closed' | 'special';

/**
 * One site-local date. `hours` are what the site keeps that day (empty when closed). A date the
 * weekly hours leave closed (a Sunday, say) is `closed` with no name; a closure HQ entered carries
 * its name, as do holidays and special periods.
 */
export type CalendarDay = { date: string; kind: CalendarDayKind; name: string | null; hours: DayHours };

/** A holiday as the calendar uses it: only those not dropped by HQ are given. */
export type CalendarHoliday = { observedOn: string; name: string };
export type CalendarPeriod = { kind: 'closed' | 'special'; name: string; startsOn: string; endsOn: string; hours: WeeklyHours | null };

export type SiteCalendar = { weeklyHours: WeeklyHours | null; holidays: readonly CalendarHoliday[]; periods: readonly CalendarPeriod[] };

/**
 * The day a calendar gives a date. A public holiday (proposed or confirmed) closes the day; then a
 * closure; then a special period replaces the weekly hours (its own hours for that weekday; none
 * given means around the clock, like a site's null weekly hours). When two holidays fall on one
 * date their names are joined; the latest-starting period wins over an older one it overlaps.
 */
export function calendarDay(calendar: SiteCalendar, date: string): CalendarDay {
  const holidays = calendar.holidays.filter((h) => h.observedOn === date);
  if (holidays.length > 0) return { date, kind: 'holiday', name: holidays.map((h) => h.name).join(' · '), hours: [] };
  const periods = calendar.periods.filter((p) => p.startsOn <= date && date <= p.endsOn);
  const closure = latest(periods.filter((p) => p.kind === 'closed'));
  if (closure) return { date, kind: 'closed', name: closure.name, hours: [] };
  const special = latest(periods.filter((p) => p.kind === 'special'));
  if (special) return { date, kind: 'special', name: special.name, hours: special.hours === null ? AROUND_THE_CLOCK : (special.hours[weekdayOf(date)] ?? []) };
  const hours = weeklyHoursOn(calendar.weeklyHours, date);
  return { date, kind: hours.length > 0 ? 'working' : 'closed', name: null, hours };
}

function latest(periods: CalendarPeriod[]): CalendarPeriod | undefined {
  return periods.reduce<CalendarPeriod | undefined>((best, p) => (best === undefined || p.startsOn >= best.startsOn ? p : best), undefined);
}

/** The calendar days from `from` to `to`, both included. */
export function calendarDaysBetween(calendar: SiteCalendar, from: string, to: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); ms <= end; ms += 86_400_000) {
    days.push(calendarDay(calendar, new Date(ms).toISOString().slice(0, 10)));
  }
  return days;
}

/** A working day: the site keeps some opening hours that date (a special period's included). */
export function isWorkingDay(day: CalendarDay): boolean {
  return day.hours.length > 0;
}
