// The demo sites' calendars: their weekly hours come with the sites; here, the public holidays of
// their countries from the holiday library (confirmed, as HQ would have done, or dropped at the site
// that works through them) and the Maghreb sites' Ramadan hours.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { siteCalendarPeriods, siteHolidays } from '@/db/schema';
import { DEMO_RAMADAN, type SiteProfile } from '@/db/seed/demo-network';
import { ensureHolidayYears } from '@/server/calendar/holidays';

export type DemoCalendarSite = { id: number; country: string; profile: SiteProfile };

export async function seedDemoCalendars(db: Db, sites: readonly DemoCalendarSite[], years: readonly number[]): Promise<void> {
  await ensureHolidayYears(db, sites, years);
  for (const status of ['confirmed', 'dropped'] as const) {
    const ids = sites.filter((s) => Boolean(s.profile.worksOnHolidays) === (status === 'dropped')).map((s) => s.id);
    if (ids.length === 0) continue;
    await db
      .update(siteHolidays)
      .set({ status })
      .where(and(inArray(siteHolidays.siteId, ids), inArray(siteHolidays.year, [...years]), eq(siteHolidays.status, 'proposed')));
  }
  const periods = sites.flatMap((site) => {
    const hours = site.profile.ramadanHours;
    return hours ? DEMO_RAMADAN.map((r) => ({ siteId: site.id, kind: 'special', name: r.name, startsOn: r.startsOn, endsOn: r.endsOn, hours })) : [];
  });
  if (periods.length > 0) await db.insert(siteCalendarPeriods).values(periods);
}
