// The read side of site calendars: each site's days (working, holiday, closed, special) over a
// range, and whether a site is open now with its next opening or closing. Whatever judges a day or
// an hour (report compliance, freshness, mission pace, out-of-hours calls) asks here.
import { cache } from 'react';
import type { Db } from '@/db/client';
import { listCalendarSites, listObservedHolidays, listPeriodsOverlapping, type CalendarSiteRow } from '@/db/queries/calendars';
import { calendarDaysBetween, type CalendarDay, type CalendarDayKind, type SiteCalendar } from '@/lib/calendar/days';
import { openingAt } from '@/lib/calendar/opening';
import { addDays, localDayOf } from '@/db/local-time';
import { ensureHolidayYears } from './holidays';

export type { CalendarDay } from '@/lib/calendar/days';
export type { DayHours } from '@/lib/calendar/hours';

/** `note`: the name of today's holiday, closure or special period; instants in ISO 8601. */
export type OpeningState = { open: boolean; note: string | null; closesAt: string | null; opensAt: string | null };

/** How far ahead the next opening or closing is looked for; beyond it the answer is null. */
export const OPENING_HORIZON_DAYS = 62;

export type SiteDays = { site: CalendarSiteRow; days: CalendarDay[] };

type CalendarRows = {
  sites: CalendarSiteRow[];
  holidays: Awaited<ReturnType<typeof listObservedHolidays>>;
  periods: Awaited<ReturnType<typeof listPeriodsOverlapping>>;
};

/**
 * The calendar rows of some sites over whole years: their calendar settings, the holidays they
 * observe and the periods that overlap those years, the holidays of those years materialised first
 * when they never were. Whole years so that one read serves every range a page asks about: the
 * site page's sections ask for their sites' calendars nine times over (report compliance, feed
 * status, mission pace, out-of-hours calls, opening hours), four statements each. React's cache
 * keeps one answer per server render of a page (keyed by the sites and years, as strings and
 * numbers) and is a plain call anywhere else (the HTTP API, the CLI, tests), so a change to a
 * calendar is read by the next request.
 */
const calendarRowsOfYears = cache(async (db: Db, siteIdsKey: string, firstYear: number, lastYear: number): Promise<CalendarRows> => {
  const sites = await listCalendarSites(db, siteIdsKey.split(',').map(Number));
  if (sites.length === 0) return { sites, holidays: [], periods: [] };
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) years.push(y);
  await ensureHolidayYears(db, sites, years);
  const ids = sites.map((s) => s.id);
  const [from, to] = [`${firstYear}-01-01`, `${lastYear}-12-31`];
  const [holidays, periods] = await Promise.all([listObservedHolidays(db, ids, from, to), listPeriodsOverlapping(db, ids, from, to)]);
  return { sites, holidays, periods };
});

/**
 * The calendar days of each site from `from` to `to` (site-local dates, both included), the
 * holidays of the years they span materialised first when they never were. Sites not found are
 * absent from the map.
 */
export async function siteCalendarsBetween(db: Db, siteIds: readonly number[], from: string, to: string): Promise<Map<number, SiteDays>> {
  const result = new Map<number, SiteDays>();
  if (siteIds.length === 0 || to < from) return result;
  const siteIdsKey = [...new Set(siteIds)].sort((a, b) => a - b).join(',');
  const { sites, holidays, periods } = await calendarRowsOfYears(db, siteIdsKey, Number(from.slice(0, 4)), Number(to.slice(0, 4)));
  for (const site of sites) {
    const calendar: SiteCalendar = {
      weeklyHours: site.weeklyHours ?? null,
      holidays: holidays.filter((h) => h.siteId === site.id && h.observedOn >= from && h.observedOn <= to),
      periods: periods
        .filter((p) => p.siteId === site.id && p.startsOn <= to && p.endsOn >= from)
        .map((p) => ({ ...p, kind: p.kind === 'closed' ? 'closed' : 'special' })),
    };
    result.set(site.id, { site, days: calendarDaysBetween(calendar, from, to) });
  }
  return result;
}

/** A site's calendar days from `fromDay` to `toDay` (YYYY-MM-DD, both included). */
export async function siteDaysBetween(db: Db, siteId: number, fromDay: string, toDay: string): Promise<CalendarDay[]> {
  const found = await siteCalendarsBetween(db, [siteId], fromDay, toDay);
  return found.get(siteId)?.days ?? [];
}

/** A site's own today: its local date, what its calendar makes of it, and whether it is open now. */
export type CalendarToday = OpeningState & { date: string; kind: CalendarDayKind };

/**
 * Whether each site is open at `now`, with the name of its day's holiday, closure or special
 * period, and its next closing (when open) or opening (when closed) within OPENING_HORIZON_DAYS.
 */
export async function openingStatesAt(db: Db, siteIds: readonly number[], now: Date): Promise<Map<number, OpeningState>> {
  const todays = await calendarTodaysAt(db, siteIds, now);
  return new Map([...todays].map(([siteId, { open, note, closesAt, opensAt }]) => [siteId, { open, note, closesAt, opensAt }]));
}

/** Each site's today at `now` (see CalendarToday); unknown sites are absent. */
export async function calendarTodaysAt(db: Db, siteIds: readonly number[], now: Date): Promise<Map<number, CalendarToday>> {
  const states = new Map<number, CalendarToday>();
  if (siteIds.length === 0) return states;
  // Sites lie in different zones: one range covers every site's local today, from the day before
  // (whose late hours may reach past midnight in no zone, but whose 24:00 joins today's 00:00).
  const utcToday = now.toISOString().slice(0, 10);
  const calendars = await siteCalendarsBetween(db, siteIds, addDays(utcToday, -2), addDays(utcToday, OPENING_HORIZON_DAYS + 1));
  for (const [siteId, { site, days }] of calendars) {
    const today = localDayOf(now, site.timezone);
    const from = addDays(today, -1);
    const until = addDays(today, OPENING_HORIZON_DAYS);
    const window = days.filter((d) => d.date >= from && d.date <= until);
    const todayEntry = window.find((d) => d.date === today);
    states.set(siteId, { ...openingAt(window, site.timezone, now), note: todayEntry?.name ?? null, date: today, kind: todayEntry?.kind ?? 'working' });
  }
  return states;
}
