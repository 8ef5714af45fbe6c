// The calendar read side on a real database: holidays materialised on first need (once, HQ's
// moves and drops kept), days over a range, and opening states across sites and DST days.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { siteCalendarPeriods, siteHolidays } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { makeSite } from '@/test/fixtures';
import { publicHolidaysOf } from './holidays';
import { openingStatesAt, siteDaysBetween } from './opening';

let h: DbHandle;
let paris: { id: number };
let tunis: { id: number };
let dakar: { id: number };

beforeAll(async () => {
  h = await createTestDb();
  paris = await makeSite(h.db, {
    code: 'PAR',
    country: 'FR',
    timezone: 'Europe/Paris',
    weeklyHours: { mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [['08:00', '18:00']], thu: [['08:00', '18:00']], fri: [['08:00', '18:00']], sun: [['01:00', '04:00']] },
  });
  tunis = await makeSite(h.db, { code: 'TUN', country: 'TN', timezone: 'Africa/Tunis', weeklyHours: null });
  dakar = await makeSite(h.db, { code: 'DKR', country: 'SN', timezone: 'Africa/Dakar', weeklyHours: { mon: [['08:00', '17:00']] } });
});
afterAll(async () => {
  await h.close();
});

const holidaysOf = (siteId: number, year: number) =>
  h.db
    .select()
    .from(siteHolidays)
    .where(and(eq(siteHolidays.siteId, siteId), eq(siteHolidays.year, year)))
    .orderBy(siteHolidays.holidayKey);

describe('public holidays from the library', () => {
  it('keeps only public holidays, named in English or else French', () => {
    const fr = publicHolidaysOf('FR', 2027);
    expect(fr.map((x) => x.name)).not.toContain('Pentecost');
    expect(fr).toContainEqual({ libraryDate: '2027-12-25', name: 'Christmas Day', holidayKey: '2027-12-25:Christmas Day' });
    expect(publicHolidaysOf('TN', 2026).map((x) => x.name)).toContain("Fête de l'indépendance");
    expect(publicHolidaysOf('MU', 2027)).toContainEqual({ libraryDate: '2027-01-20', name: 'Thaipoosam Cavadee', holidayKey: '2027-01-20:Thaipoosam Cavadee' });
    expect(publicHolidaysOf('XX', 2027)).toEqual([]);
  });

  it('materialises a year on first need as proposed holidays, once, keeping HQ’s moves and drops', async () => {
    expect(await holidaysOf(tunis.id, 2027)).toHaveLength(0);
    const days = await siteDaysBetween(h.db, tunis.id, '2027-03-08', '2027-03-10');
    const stored = await holidaysOf(tunis.id, 2027);
    expect(stored.map((x) => x.holidayKey)).toEqual(publicHolidaysOf('TN', 2027).map((x) => x.holidayKey));
    expect(stored.every((x) => x.status === 'proposed' && x.observedOn === x.libraryDate)).toBe(true);
    // Eid al-Fitr 2027 is on 9 March in the library; a proposed holiday counts until dropped.
    expect(days.map((d) => [d.date, d.kind, d.name])).toEqual([
      ['2027-03-08', 'working', null],
      ['2027-03-09', 'holiday', 'End of Ramadan (Eid al-Fitr)'],
      ['2027-03-10', 'working', null],
    ]);

    // HQ moves Eid by a day (moon sighting) and drops Labour Day; asking again changes nothing.
    await h.db.update(siteHolidays).set({ observedOn: '2027-03-10', status: 'confirmed' }).where(and(eq(siteHolidays.siteId, tunis.id), eq(siteHolidays.holidayKey, '2027-03-09:End of Ramadan (Eid al-Fitr)')));
    await h.db.update(siteHolidays).set({ status: 'dropped' }).where(and(eq(siteHolidays.siteId, tunis.id), eq(siteHolidays.holidayKey, '2027-05-01:Labour Day')));
    const again = await siteDaysBetween(h.db, tunis.id, '2027-03-08', '2027-05-01');
    expect(await holidaysOf(tunis.id, 2027)).toHaveLength(stored.length);
    expect(again.find((d) => d.date === '2027-03-09')).toMatchObject({ kind: 'working' });
    expect(again.find((d) => d.date === '2027-03-10')).toMatchObject({ kind: 'holiday', name: 'End of Ramadan (Eid al-Fitr)' });
    expect(again.find((d) => d.date === '2027-05-01')).toMatchObject({ kind: 'working' });
  });

  it('materialises each year a range spans', async () => {
    const days = await siteDaysBetween(h.db, dakar.id, '2026-12-24', '2027-01-04');
    expect((await holidaysOf(dakar.id, 2026)).length).toBeGreaterThan(0);
    expect((await holidaysOf(dakar.id, 2027)).length).toBeGreaterThan(0);
    expect(days.find((d) => d.date === '2026-12-25')).toMatchObject({ kind: 'holiday', name: 'Christmas Day' });
    expect(days.find((d) => d.date === '2027-01-01')).toMatchObject({ kind: 'holiday', name: "New Year's Day" });
    expect(days.find((d) => d.date === '2027-01-04')).toMatchObject({ kind: 'working', hours: [['08:00', '17:00']] });
    expect(days.find((d) => d.date === '2027-01-05')).toBeUndefined();
  });
});

describe('siteDaysBetween with closures and special periods', () => {
  it('closes a closure’s days and gives a special period’s days its hours', async () => {
    await h.db.insert(siteCalendarPeriods).values([
      { siteId: paris.id, kind: 'closed', name: 'Move to new offices', startsOn: '2026-06-04', endsOn: '2026-06-05', hours: null },
      { siteId: paris.id, kind: 'special', name: 'Summer hours', startsOn: '2026-06-01', endsOn: '2026-06-30', hours: { mon: [['09:00', '13:00']], tue: [['09:00', '13:00']] } },
    ]);
    const days = await siteDaysBetween(h.db, paris.id, '2026-06-01', '2026-06-07');
    expect(days.map((d) => [d.date, d.kind, d.name, d.hours])).toEqual([
      ['2026-06-01', 'special', 'Summer hours', [['09:00', '13:00']]],
      ['2026-06-02', 'special', 'Summer hours', [['09:00', '13:00']]],
      ['2026-06-03', 'special', 'Summer hours', []],
      ['2026-06-04', 'closed', 'Move to new offices', []],
      ['2026-06-05', 'closed', 'Move to new offices', []],
      ['2026-06-06', 'special', 'Summer hours', []],
      ['2026-06-07', 'special', 'Summer hours', []],
    ]);
  });
});

describe('siteDaysBetween across years', () => {
  it('reads a closure that straddles New Year from both years, and only the days asked', async () => {
    await h.db.insert(siteCalendarPeriods).values({ siteId: dakar.id, kind: 'closed', name: 'Year-end closure', startsOn: '2027-12-30', endsOn: '2028-01-03', hours: null });
    const days = await siteDaysBetween(h.db, dakar.id, '2027-12-27', '2028-01-10');
    // Dakar works on Mondays only: the closure that began in 2027 takes Monday 3 January 2028.
    expect(days.filter((d) => d.kind !== 'closed' || d.name !== null).map((d) => [d.date, d.kind, d.name])).toEqual([
      ['2027-12-27', 'working', null],
      ['2027-12-30', 'closed', 'Year-end closure'],
      ['2027-12-31', 'closed', 'Year-end closure'],
      ['2028-01-01', 'holiday', "New Year's Day"],
      ['2028-01-02', 'closed', 'Year-end closure'],
      ['2028-01-03', 'closed', 'Year-end closure'],
      ['2028-01-10', 'working', null],
    ]);
    // The same days asked year by year.
    const [before, after] = await Promise.all([siteDaysBetween(h.db, dakar.id, '2027-12-27', '2027-12-31'), siteDaysBetween(h.db, dakar.id, '2028-01-01', '2028-01-10')]);
    expect([...before, ...after]).toEqual(days);
  });
});

describe('openingStatesAt', () => {
  it('answers for several sites at once, naming the holiday that closes a day', async () => {
    const states = await openingStatesAt(h.db, [paris.id, tunis.id, dakar.id], new Date('2026-12-25T10:00:00Z'));
    expect(states.get(paris.id)).toEqual({ open: false, note: 'Christmas Day', closesAt: null, opensAt: '2026-12-27T00:00:00.000Z' });
    // Tunis is open around the clock and Christmas is no holiday there: it closes for New Year's Day.
    expect(states.get(tunis.id)).toEqual({ open: true, note: null, closesAt: '2026-12-31T23:00:00.000Z', opensAt: null });
    expect(states.get(dakar.id)).toEqual({ open: false, note: 'Christmas Day', closesAt: null, opensAt: '2026-12-28T08:00:00.000Z' });
  });

  it('closes a site around the clock on its holiday, between two open days', async () => {
    const states = await openingStatesAt(h.db, [tunis.id], new Date('2027-03-09T22:00:00Z'));
    // 23:00 local on 9 March: the day after the moved Eid begins at local midnight.
    expect(states.get(tunis.id)).toEqual({ open: true, note: null, closesAt: '2027-03-09T23:00:00.000Z', opensAt: null });
    const eid = await openingStatesAt(h.db, [tunis.id], new Date('2027-03-10T12:00:00Z'));
    expect(eid.get(tunis.id)).toEqual({ open: false, note: 'End of Ramadan (Eid al-Fitr)', closesAt: null, opensAt: '2027-03-10T23:00:00.000Z' });
  });

  it('keeps the Sunday night hours on the Paris DST days', async () => {
    const march = await openingStatesAt(h.db, [paris.id], new Date('2026-03-29T00:30:00Z'));
    expect(march.get(paris.id)).toEqual({ open: true, note: null, closesAt: '2026-03-29T02:00:00.000Z', opensAt: null });
    const october = await openingStatesAt(h.db, [paris.id], new Date('2026-10-25T02:30:00Z'));
    expect(october.get(paris.id)).toEqual({ open: true, note: null, closesAt: '2026-10-25T03:00:00.000Z', opensAt: null });
  });

  it('returns nothing for no sites and leaves unknown sites out', async () => {
    expect((await openingStatesAt(h.db, [], new Date())).size).toBe(0);
    expect([...(await openingStatesAt(h.db, [999_999], new Date())).keys()]).toEqual([]);
  });
});
