// A site's calendar for one year, as GET /api/v1/sites/{code}/calendar answers it and as the
// settings page shows it. The kind of each day comes from the read side (opening.ts), the one
// place that decides it; this file only picks a site the reader may see and shapes the answer.
import type { Db } from '@/db/client';
import { listPeriodsOverlapping, listSiteHolidaysOfYear } from '@/db/queries/calendars';
import type { Site, WeeklyHours } from '@/db/schema';
import type { CalendarYearOutput } from '@/lib/calendar/inputs';
import type { SiteScope } from '@/server/auth/principal';
import { siteInScope } from '@/server/qa/site-access';
import { siteDaysBetween, type CalendarDay } from './opening';

const firstDay = (year: number) => `${year}-01-01`;
const lastDay = (year: number) => `${year}-12-31`;

async function yearDays(db: Db, site: Site, year: number): Promise<CalendarDay[]> {
  return siteDaysBetween(db, site.id, firstDay(year), lastDay(year));
}

/**
 * The REST answer: the weekly hours, and every day of the year that is not an ordinary working day
 * (a public holiday HQ has not dropped, a closure or a day the weekly hours leave closed, a
 * special period with its hours). A site lead reads their own site only: another is "not found".
 */
export async function siteCalendarYear(db: Db, scope: SiteScope, code: string, year: number): Promise<CalendarYearOutput> {
  const site = await siteInScope(db, scope, code);
  const days = await yearDays(db, site, year);
  return {
    code: site.code,
    timezone: site.timezone,
    year,
    weeklyHours: site.weeklyHours ?? null,
    days: days.flatMap((d) =>
      d.kind === 'working' ? [] : [d.kind === 'special' ? { date: d.date, kind: d.kind, name: d.name, hours: d.hours } : { date: d.date, kind: d.kind, name: d.name }],
    ),
  };
}

export type CalendarSettings = {
  site: { code: string; name: string; country: string; timezone: string };
  year: number;
  weeklyHours: WeeklyHours | null;
  excludeOutOfHours: boolean;
  days: CalendarDay[];
  holidays: { holidayKey: string; name: string; libraryDate: string; observedOn: string; status: string }[];
  periods: { id: number; kind: 'closed' | 'special'; name: string; startsOn: string; endsOn: string; hours: WeeklyHours | null }[];
};

/** What the settings page shows of a year: every day, the holidays whatever HQ decided, the periods touching it. */
export async function calendarSettings(db: Db, scope: SiteScope, code: string, year: number): Promise<CalendarSettings> {
  const site = await siteInScope(db, scope, code);
  // The days first: reading them materialises the year's holidays when it never was.
  const days = await yearDays(db, site, year);
  const [holidays, periods] = await Promise.all([
    listSiteHolidaysOfYear(db, site.id, year),
    listPeriodsOverlapping(db, [site.id], firstDay(year), lastDay(year)),
  ]);
  return {
    site: { code: site.code, name: site.name, country: site.country, timezone: site.timezone },
    year,
    weeklyHours: site.weeklyHours ?? null,
    excludeOutOfHours: site.slExcludesOutOfHours,
    days,
    holidays: holidays.map((h) => ({ holidayKey: h.holidayKey, name: h.name, libraryDate: h.libraryDate, observedOn: h.observedOn, status: h.status })),
    periods: periods.map((p) => ({
      id: p.id,
      kind: p.kind === 'closed' ? 'closed' : 'special',
      name: p.name,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      hours: p.hours ?? null,
    })),
  };
}
