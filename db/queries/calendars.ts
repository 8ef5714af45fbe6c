// Site calendars, read side: what the calendar of each site needs (its weekly hours, holidays not
// dropped, closures and special periods in a range) and the materialisation of a year's holidays.
import { and, asc, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { Db } from '../client';
import { siteCalendarPeriods, siteHolidays, sites, type WeeklyHours } from '../schema';

export type CalendarSiteRow = { id: number; code: string; country: string; timezone: string; weeklyHours: WeeklyHours | null; slExcludesOutOfHours: boolean };

export async function listCalendarSites(db: Db, siteIds: readonly number[]): Promise<CalendarSiteRow[]> {
  if (siteIds.length === 0) return [];
  return db
    .select({
      id: sites.id,
      code: sites.code,
      country: sites.country,
      timezone: sites.timezone,
      weeklyHours: sites.weeklyHours,
      slExcludesOutOfHours: sites.slExcludesOutOfHours,
    })
    .from(sites)
    .where(inArray(sites.id, [...siteIds]))
    .orderBy(asc(sites.id));
}

/** Holidays observed from `from` to `to` (both included) that HQ has not dropped. */
export async function listObservedHolidays(db: Db, siteIds: readonly number[], from: string, to: string) {
  if (siteIds.length === 0) return [];
  return db
    .select({ siteId: siteHolidays.siteId, observedOn: siteHolidays.observedOn, name: siteHolidays.name, status: siteHolidays.status })
    .from(siteHolidays)
    .where(and(inArray(siteHolidays.siteId, [...siteIds]), gte(siteHolidays.observedOn, from), lte(siteHolidays.observedOn, to), ne(siteHolidays.status, 'dropped')))
    .orderBy(asc(siteHolidays.siteId), asc(siteHolidays.observedOn), asc(siteHolidays.name));
}

/** Closures and special periods that overlap `from`–`to`, oldest first. */
export async function listPeriodsOverlapping(db: Db, siteIds: readonly number[], from: string, to: string) {
  if (siteIds.length === 0) return [];
  return db
    .select({
      siteId: siteCalendarPeriods.siteId,
      id: siteCalendarPeriods.id,
      kind: siteCalendarPeriods.kind,
      name: siteCalendarPeriods.name,
      startsOn: siteCalendarPeriods.startsOn,
      endsOn: siteCalendarPeriods.endsOn,
      hours: siteCalendarPeriods.hours,
    })
    .from(siteCalendarPeriods)
    .where(and(inArray(siteCalendarPeriods.siteId, [...siteIds]), lte(siteCalendarPeriods.startsOn, to), gte(siteCalendarPeriods.endsOn, from)))
    .orderBy(asc(siteCalendarPeriods.siteId), asc(siteCalendarPeriods.startsOn), asc(siteCalendarPeriods.id));
}

/** The (site, year) pairs among those asked for that already hold their holidays. */
export async function listMaterialisedYears(db: Db, siteIds: readonly number[], years: readonly number[]): Promise<{ siteId: number; year: number }[]> {
  if (siteIds.length === 0 || years.length === 0) return [];
  return db
    .selectDistinct({ siteId: siteHolidays.siteId, year: siteHolidays.year })
    .from(siteHolidays)
    .where(and(inArray(siteHolidays.siteId, [...siteIds]), inArray(siteHolidays.year, [...years])));
}

export type NewHolidayRow = { siteId: number; holidayKey: string; year: number; name: string; libraryDate: string };

/**
 * Adds holidays as proposed, observed on the library's date; a holiday already there (even one HQ
 * moved or dropped) is left as it is. Returns how many were added.
 */
export async function insertProposedHolidays(db: Db, rows: readonly NewHolidayRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(siteHolidays)
    .values(rows.map((r) => ({ ...r, observedOn: r.libraryDate, status: 'proposed' })))
    .onConflictDoNothing({ target: [siteHolidays.siteId, siteHolidays.holidayKey] })
    .returning({ key: siteHolidays.holidayKey });
  return inserted.length;
}

/** A site's holidays of a year, every status, by observed date (for the calendar's own views). */
export async function listSiteHolidaysOfYear(db: Db, siteId: number, year: number) {
  return db
    .select()
    .from(siteHolidays)
    .where(and(eq(siteHolidays.siteId, siteId), eq(siteHolidays.year, year)))
    .orderBy(asc(siteHolidays.observedOn), asc(siteHolidays.name));
}
