// Public holidays from the holiday library, kept per site and year in site_holidays so that HQ can
// confirm, move or drop each one. A year is materialised the first time a calendar needs it.
import Holidays from 'date-holidays';
import type { Db } from '@/db/client';
import { insertProposedHolidays, listMaterialisedYears, type NewHolidayRow } from '@/db/queries/calendars';

export type LibraryHoliday = { libraryDate: string; name: string; holidayKey: string };

// Computing a country's year takes the library a few milliseconds; the answer never changes for a
// given library version, so it is kept (a handful of countries × years).
const cache = new Map<string, LibraryHoliday[]>();

/**
 * The public holidays (the library's type "public": no observances, bank or optional days) of a
 * country in a year, named in English where the library has it and in French otherwise (Tunisia's
 * national days have no English name). An Islamic holiday that begins at the previous sunset is on
 * the date the library gives. A country the library does not know has none.
 */
export function publicHolidaysOf(country: string, year: number): LibraryHoliday[] {
  const cacheKey = `${country}|${year}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const library = new Holidays(country, { languages: ['en', 'fr'] });
  const found = new Map<string, LibraryHoliday>();
  for (const h of library.getHolidays(year)) {
    const libraryDate = h.date.slice(0, 10);
    if (h.type !== 'public' || !libraryDate.startsWith(`${year}-`)) continue;
    const holidayKey = `${libraryDate}:${h.name}`;
    if (!found.has(holidayKey)) found.set(holidayKey, { libraryDate, name: h.name, holidayKey });
  }
  const list = [...found.values()].sort((a, b) => a.holidayKey.localeCompare(b.holidayKey));
  cache.set(cacheKey, list);
  return list;
}

/**
 * Adds a site's holidays of a year as proposed ones; holidays already there keep their status and
 * date (HQ's confirmations, moves and drops stand). Returns how many were added.
 */
export async function materialiseHolidays(db: Db, site: { id: number; country: string }, year: number): Promise<number> {
  const rows: NewHolidayRow[] = publicHolidaysOf(site.country, year).map((h) => ({ siteId: site.id, year, ...h }));
  return insertProposedHolidays(db, rows);
}

/**
 * Makes sure each site holds its holidays for each year asked: the years with no holiday row yet
 * are materialised. A country without holidays is asked of the library again each time (cached).
 */
export async function ensureHolidayYears(db: Db, sites: readonly { id: number; country: string }[], years: readonly number[]): Promise<void> {
  const present = await listMaterialisedYears(
    db,
    sites.map((s) => s.id),
    years,
  );
  const done = new Set(present.map((p) => `${p.siteId}|${p.year}`));
  const rows: NewHolidayRow[] = [];
  for (const site of sites) {
    for (const year of years) {
      if (done.has(`${site.id}|${year}`)) continue;
      for (const h of publicHolidaysOf(site.country, year)) rows.push({ siteId: site.id, year, ...h });
    }
  }
  await insertProposedHolidays(db, rows);
}
