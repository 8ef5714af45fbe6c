// Which days each site's calendar keeps closed, for whatever counts days (report compliance,
// missing reports, mission pace): the one question those figures ask of the calendar.
import type { Db } from '@/db/client';
import { isWorkingDay, type CalendarDay } from '@/lib/calendar/days';
import { siteCalendarsBetween } from './opening';

/** The days from `from` to `to` on which each site is closed; every id asked for is present. */
export async function closedDaysBySite(db: Db, siteIds: readonly number[], from: string, to: string): Promise<Map<number, Set<string>>> {
  const answer = new Map<number, Set<string>>(siteIds.map((id) => [id, new Set<string>()]));
  const calendars = await siteCalendarsBetween(db, siteIds, from, to);
  for (const [siteId, { days }] of calendars) {
    answer.set(siteId, new Set(days.filter((d) => !isWorkingDay(d)).map((d) => d.date)));
  }
  return answer;
}

/** The calendar day of each site on a date of its own (sites may be on different local dates). */
export async function calendarDaysOf(db: Db, wanted: readonly { siteId: number; day: string }[]): Promise<Map<number, CalendarDay>> {
  const answer = new Map<number, CalendarDay>();
  if (wanted.length === 0) return answer;
  const days = wanted.map((w) => w.day).sort();
  const calendars = await siteCalendarsBetween(
    db,
    wanted.map((w) => w.siteId),
    days[0]!,
    days[days.length - 1]!,
  );
  for (const { siteId, day } of wanted) {
    const found = calendars.get(siteId)?.days.find((d) => d.date === day);
    if (found) answer.set(siteId, found);
  }
  return answer;
}
