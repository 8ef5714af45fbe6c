// The write side of site calendars: weekly hours and the out-of-hours setting on `sites`, HQ's
// decisions on each public holiday, and closures and special periods. Reads that judge a day live
// in db/queries/calendars.ts; these change the rows the settings page lists from there.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { siteCalendarPeriods, siteHolidays, sites, type SiteCalendarPeriodRow, type SiteHolidayRow, type WeeklyHours } from '../schema';

export type HolidayStatus = 'proposed' | 'confirmed' | 'dropped';

export async function setSiteWeeklyHours(db: Db, siteId: number, weeklyHours: WeeklyHours | null): Promise<void> {
  await db
    .update(sites)
    .set({ weeklyHours, updatedAt: sql`now()` })
    .where(eq(sites.id, siteId));
}

export async function setSiteSlExclusion(db: Db, siteId: number, excludes: boolean): Promise<void> {
  await db
    .update(sites)
    .set({ slExcludesOutOfHours: excludes, updatedAt: sql`now()` })
    .where(eq(sites.id, siteId));
}

/** One holiday, locked until the transaction ends so that two decisions on it apply one after the other. */
export async function findSiteHolidayForUpdate(db: Db, siteId: number, holidayKey: string): Promise<SiteHolidayRow | null> {
  const [row] = await db
    .select()
    .from(siteHolidays)
    .where(and(eq(siteHolidays.siteId, siteId), eq(siteHolidays.holidayKey, holidayKey)))
    .for('update')
    .limit(1);
  return row ?? null;
}

export async function updateSiteHoliday(
  db: Db,
  siteId: number,
  holidayKey: string,
  patch: { status?: HolidayStatus; observedOn?: string },
): Promise<SiteHolidayRow | null> {
  const [row] = await db
    .update(siteHolidays)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(siteHolidays.siteId, siteId), eq(siteHolidays.holidayKey, holidayKey)))
    .returning();
  return row ?? null;
}

export async function findSiteCalendarPeriod(db: Db, siteId: number, id: number): Promise<SiteCalendarPeriodRow | null> {
  const [row] = await db
    .select()
    .from(siteCalendarPeriods)
    .where(and(eq(siteCalendarPeriods.siteId, siteId), eq(siteCalendarPeriods.id, id)))
    .for('update')
    .limit(1);
  return row ?? null;
}

export type CalendarPeriodValues = {
  kind: 'closed' | 'special';
  name: string;
  startsOn: string;
  endsOn: string;
  hours: WeeklyHours | null;
};

export async function insertSiteCalendarPeriod(db: Db, siteId: number, values: CalendarPeriodValues): Promise<SiteCalendarPeriodRow> {
  const [row] = await db
    .insert(siteCalendarPeriods)
    .values({ siteId, ...values })
    .returning();
  if (!row) throw new Error('Inserting a calendar period returned no row');
  return row;
}

export async function updateSiteCalendarPeriod(
  db: Db,
  siteId: number,
  id: number,
  values: CalendarPeriodValues,
): Promise<SiteCalendarPeriodRow | null> {
  const [row] = await db
    .update(siteCalendarPeriods)
    .set(values)
    .where(and(eq(siteCalendarPeriods.siteId, siteId), eq(siteCalendarPeriods.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteSiteCalendarPeriod(db: Db, siteId: number, id: number): Promise<SiteCalendarPeriodRow | null> {
  const [row] = await db
    .delete(siteCalendarPeriods)
    .where(and(eq(siteCalendarPeriods.siteId, siteId), eq(siteCalendarPeriods.id, id)))
    .returning();
  return row ?? null;
}
