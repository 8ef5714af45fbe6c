// The calendar router through createCaller on a real database: who reads and who writes, refusals
// that change nothing, and an audit row committed with every change.
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { auditLog, siteCalendarPeriods, siteHolidays, sites } from '@/db/schema';
import type { Principal } from '@/server/auth/principal';
import { liveBus } from '@/server/live/bus';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { createTestAccounts, type TestAccounts } from '@/server/users/test-accounts';
import { failureOf, trpcCode } from '@/test/fixtures';

let h: DbHandle;
let a: TestAccounts;
const as = (principal?: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal }));

const EID = '2027-03-09:End of Ramadan (Eid al-Fitr)';
const OFFICE_HOURS = { mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [['08:00', '18:00']], thu: [['08:00', '18:00']], fri: [['08:00', '13:00'], ['14:00', '18:00']], sat: [['09:00', '12:00']] } as const;
const weekly = () => structuredClone(OFFICE_HOURS) as unknown as Record<string, [string, string][]>;

beforeAll(async () => {
  h = await createTestDb();
  a = await createTestAccounts(h.db);
});
afterAll(async () => {
  await h.close();
});

async function lastAudit(action: string) {
  const [row] = await h.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

async function auditCount() {
  return (await h.db.select({ id: auditLog.id }).from(auditLog)).length;
}

async function dayOf(date: string, code = 'TUN') {
  const view = await as(a.principals.hq).calendar.settings({ code, year: Number(date.slice(0, 4)) });
  return view.days.find((d) => d.date === date)!;
}

/** The paths zod refused, as a form and a REST caller read them. */
async function refusedPaths(run: () => Promise<unknown>): Promise<string[]> {
  const error = await failureOf(run, Error);
  expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  const cause = (error as { cause?: unknown }).cause;
  expect(cause).toBeInstanceOf(ZodError);
  return (cause as ZodError).issues.map((i) => i.path.join('.')).sort();
}

describe('calendar reads', () => {
  it('gives a year: the library’s public holidays, around the clock until weekly hours are set', async () => {
    const year = await as(a.principals.hq).calendar.year({ code: 'TUN', year: 2027 });
    expect(year).toMatchObject({ code: 'TUN', timezone: 'Africa/Tunis', year: 2027, weeklyHours: null });
    expect(year.days.every((d) => d.kind === 'holiday')).toBe(true);
    expect(year.days.map((d) => d.date)).toContain('2027-03-09');
    expect(year.days.find((d) => d.date === '2027-03-09')).toEqual({ date: '2027-03-09', kind: 'holiday', name: 'End of Ramadan (Eid al-Fitr)' });
  });

  it('lets a site lead read their own site only; another site is not found, as an unknown code', async () => {
    expect((await as(a.principals.lead).calendar.year({ code: 'tun', year: 2027 })).code).toBe('TUN');
    const settings = await as(a.principals.lead).calendar.settings({ code: 'TUN', year: 2027 });
    expect(settings.canEdit).toBe(false);
    expect(await trpcCode(() => as(a.principals.lead).calendar.year({ code: 'DKR', year: 2027 }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => as(a.principals.lead).calendar.settings({ code: 'DKR', year: 2027 }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => as(a.principals.hq).calendar.year({ code: 'ZZZ', year: 2027 }))).toBe('NOT_FOUND');
    expect((await as(a.principals.admin).calendar.settings({ code: 'DKR', year: 2027 })).canEdit).toBe(true);
  });

  it('refuses anonymous callers and site keys', async () => {
    expect(await trpcCode(() => as().calendar.year({ code: 'TUN', year: 2027 }))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => as(a.principals.siteKey).calendar.year({ code: 'TUN', year: 2027 }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => as(a.principals.siteKey).calendar.settings({ code: 'TUN', year: 2027 }))).toBe('FORBIDDEN');
  });

  it('answers a year out of range or not a year with BAD_REQUEST', async () => {
    for (const year of [1999, 2101, 2027.5, 'MMXXVII']) {
      expect(await refusedPaths(() => as(a.principals.hq).calendar.year({ code: 'TUN', year: year as number }))).toEqual(['year']);
    }
  });
});

describe('weekly hours and the out-of-hours setting', () => {
  it('are written by HQ (admin and HQ manager) only', async () => {
    const input = { site: 'TUN', weeklyHours: weekly() };
    expect(await trpcCode(() => as().calendar.setWeeklyHours(input))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => as(a.principals.siteKey).calendar.setWeeklyHours(input))).toBe('FORBIDDEN');
    expect(await trpcCode(() => as(a.principals.lead).calendar.setWeeklyHours(input))).toBe('FORBIDDEN');
    expect(await trpcCode(() => as(a.principals.lead).calendar.setOutOfHours({ site: 'TUN', excludeOutOfHours: true }))).toBe('FORBIDDEN');
    const [site] = await h.db.select().from(sites).where(eq(sites.id, a.sites.tun.id));
    expect(site!.weeklyHours).toBeNull();
  });

  it('sets weekly hours, audited with the hours before and after; closed weekdays become closed days', async () => {
    await as(a.principals.hq).calendar.setWeeklyHours({ site: 'TUN', weeklyHours: weekly() });
    const [site] = await h.db.select().from(sites).where(eq(sites.id, a.sites.tun.id));
    expect(site!.weeklyHours).toEqual(OFFICE_HOURS);
    const audit = await lastAudit('calendar.hours.set');
    expect(audit).toMatchObject({ actorLabel: 'hq@x.test', siteId: a.sites.tun.id, entity: 'site' });
    expect(audit!.details).toMatchObject({ site: 'TUN', from: null, to: OFFICE_HOURS });

    expect(await dayOf('2027-01-03')).toEqual({ date: '2027-01-03', kind: 'closed', name: null, hours: [] }); // a Sunday
    expect(await dayOf('2027-01-08')).toMatchObject({ kind: 'working', hours: OFFICE_HOURS.fri });
    const rest = await as(a.principals.hq).calendar.year({ code: 'TUN', year: 2027 });
    expect(rest.weeklyHours).toEqual(OFFICE_HOURS);
    // 2027 has 52 Sundays; three are public holidays in Tunisia (16 May, 6 June, 25 July), which a holiday names.
    expect(rest.days.filter((d) => d.kind === 'closed' && d.name === null)).toHaveLength(49);
  });

  it('refuses hours that are not times, end before start or overlap, with the path of each, and changes nothing', async () => {
    const before = await auditCount();
    const paths = await refusedPaths(() =>
      as(a.principals.admin).calendar.setWeeklyHours({
        site: 'TUN',
        weeklyHours: { mon: [['25:00', '18:00']], tue: [['18:00', '08:00']], wed: [['08:00', '12:00'], ['11:00', '14:00']] },
      }),
    );
    expect(paths).toEqual(['weeklyHours.mon.0.0', 'weeklyHours.tue.0.1', 'weeklyHours.wed.1.0']);
    expect(await refusedPaths(() => as(a.principals.admin).calendar.setWeeklyHours({ site: 'TUN', weeklyHours: { someday: [] } as never }))).toEqual([
      'weeklyHours',
    ]);
    const [site] = await h.db.select().from(sites).where(eq(sites.id, a.sites.tun.id));
    expect(site!.weeklyHours).toEqual(OFFICE_HOURS);
    expect(await auditCount()).toBe(before);
  });

  it('sets around the clock (null) and the out-of-hours setting, each audited', async () => {
    await as(a.principals.admin).calendar.setWeeklyHours({ site: 'DKR', weeklyHours: null });
    expect((await lastAudit('calendar.hours.set'))!.details).toMatchObject({ site: 'DKR', to: null });
    expect(await as(a.principals.hq).calendar.setOutOfHours({ site: 'TUN', excludeOutOfHours: true })).toEqual({ excludeOutOfHours: true });
    const [site] = await h.db.select().from(sites).where(eq(sites.id, a.sites.tun.id));
    expect(site!.slExcludesOutOfHours).toBe(true);
    expect((await lastAudit('calendar.outOfHours.set'))!.details).toEqual({ site: 'TUN', from: false, to: true });
    expect((await as(a.principals.hq).calendar.settings({ code: 'TUN', year: 2027 })).excludeOutOfHours).toBe(true);
  });

  it('tells the site’s wallboards once a change is committed, and nothing for a refusal', async () => {
    const heard: (number | null)[] = [];
    const stop = liveBus().subscribe((siteId) => heard.push(siteId));
    try {
      await as(a.principals.hq).calendar.setOutOfHours({ site: 'DKR', excludeOutOfHours: false });
      await as(a.principals.hq).calendar.setWeeklyHours({ site: 'DKR', weeklyHours: { mon: [['09:00', '08:00']] } }).catch(() => null);
      await as(a.principals.lead).calendar.setWeeklyHours({ site: 'TUN', weeklyHours: null }).catch(() => null);
    } finally {
      stop();
    }
    expect(heard).toEqual([a.sites.dkr.id]);
  });

  it('answers an unknown site with NOT_FOUND', async () => {
    expect(await trpcCode(() => as(a.principals.hq).calendar.setWeeklyHours({ site: 'ZZZ', weeklyHours: null }))).toBe('NOT_FOUND');
  });
});

describe('public holidays', () => {
  const holiday = async () => {
    const [row] = await h.db
      .select()
      .from(siteHolidays)
      .where(and(eq(siteHolidays.siteId, a.sites.tun.id), eq(siteHolidays.holidayKey, EID)));
    return row!;
  };

  it('are decided by HQ only', async () => {
    expect(await trpcCode(() => as(a.principals.lead).calendar.dropHoliday({ site: 'TUN', holidayKey: EID }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => as(a.principals.siteKey).calendar.confirmHoliday({ site: 'TUN', holidayKey: EID }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => as().calendar.moveHoliday({ site: 'TUN', holidayKey: EID, observedOn: '2027-03-10' }))).toBe('UNAUTHORIZED');
    expect((await holiday()).status).toBe('proposed');
  });

  it('drop makes the day a working day; restore makes it a proposed holiday again; both audited', async () => {
    expect(await dayOf('2027-03-09')).toMatchObject({ kind: 'holiday', name: 'End of Ramadan (Eid al-Fitr)' });
    await as(a.principals.hq).calendar.dropHoliday({ site: 'TUN', holidayKey: EID });
    expect(await dayOf('2027-03-09')).toMatchObject({ kind: 'working', name: null, hours: OFFICE_HOURS.tue });
    expect((await lastAudit('calendar.holiday.drop'))!).toMatchObject({ entity: 'site_holiday', entityId: EID, siteId: a.sites.tun.id });
    expect((await lastAudit('calendar.holiday.drop'))!.details).toMatchObject({ from: 'proposed', to: 'dropped' });
    const rest = await as(a.principals.hq).calendar.year({ code: 'TUN', year: 2027 });
    expect(rest.days.some((d) => d.date === '2027-03-09')).toBe(false);

    await as(a.principals.hq).calendar.restoreHoliday({ site: 'TUN', holidayKey: EID });
    expect((await holiday()).status).toBe('proposed');
    expect(await dayOf('2027-03-09')).toMatchObject({ kind: 'holiday' });
    expect((await lastAudit('calendar.holiday.restore'))!.details).toMatchObject({ from: 'dropped', to: 'proposed' });
  });

  it('confirm keeps the date and records the decision', async () => {
    const confirmed = await as(a.principals.admin).calendar.confirmHoliday({ site: 'TUN', holidayKey: EID });
    expect(confirmed).toMatchObject({ status: 'confirmed', observedOn: '2027-03-09', libraryDate: '2027-03-09' });
    expect((await lastAudit('calendar.holiday.confirm'))!.actorLabel).toBe('admin@x.test');
  });

  it('move observes it on another day of the same year, everywhere the calendar is read', async () => {
    const moved = await as(a.principals.hq).calendar.moveHoliday({ site: 'TUN', holidayKey: EID, observedOn: '2027-03-10' });
    expect(moved).toMatchObject({ observedOn: '2027-03-10', libraryDate: '2027-03-09', status: 'confirmed' });
    expect(await dayOf('2027-03-09')).toMatchObject({ kind: 'working' });
    expect(await dayOf('2027-03-10')).toMatchObject({ kind: 'holiday', name: 'End of Ramadan (Eid al-Fitr)' });
    const rest = await as(a.principals.lead).calendar.year({ code: 'TUN', year: 2027 });
    expect(rest.days.filter((d) => d.date.startsWith('2027-03-0') || d.date === '2027-03-10').map((d) => [d.date, d.kind])).toEqual([
      ['2027-03-07', 'closed'],
      ['2027-03-10', 'holiday'],
    ]);
    expect((await lastAudit('calendar.holiday.move'))!.details).toMatchObject({ from: '2027-03-09', to: '2027-03-10', libraryDate: '2027-03-09' });
  });

  it('refuses a move out of the holiday’s year, or to a date that is not one, and changes nothing', async () => {
    const before = await auditCount();
    const error = await failureOf(() => as(a.principals.hq).calendar.moveHoliday({ site: 'TUN', holidayKey: EID, observedOn: '2028-03-10' }), Error);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((error as Error).message).toBe('observedOn: A holiday is observed in its own year (2027)');
    expect(await refusedPaths(() => as(a.principals.hq).calendar.moveHoliday({ site: 'TUN', holidayKey: EID, observedOn: '2027-02-30' }))).toEqual([
      'observedOn',
    ]);
    expect((await holiday()).observedOn).toBe('2027-03-10');
    expect(await auditCount()).toBe(before);
  });

  it('answers an unknown holiday with NOT_FOUND, also for a year never shown before', async () => {
    expect(await trpcCode(() => as(a.principals.hq).calendar.dropHoliday({ site: 'TUN', holidayKey: '2027-03-11:Nothing' }))).toBe('NOT_FOUND');
    // A year the page never opened is materialised on the way: its holidays can be decided at once.
    const [newYear] = await as(a.principals.hq).calendar.settings({ code: 'DKR', year: 2031 }).then((v) => v.holidays);
    const key = newYear!.holidayKey;
    await h.db.delete(siteHolidays).where(and(eq(siteHolidays.siteId, a.sites.dkr.id), eq(siteHolidays.year, 2031)));
    expect(await as(a.principals.hq).calendar.confirmHoliday({ site: 'DKR', holidayKey: key })).toMatchObject({ status: 'confirmed', year: 2031 });
  });
});

describe('closures and special periods', () => {
  it('are added, edited and deleted by HQ, each audited, and read as closed or special days', async () => {
    const hq = as(a.principals.hq);
    const closure = await hq.calendar.createPeriod({ site: 'TUN', kind: 'closed', name: 'Inventory', startsOn: '2027-04-12', endsOn: '2027-04-13' });
    expect(await dayOf('2027-04-12')).toEqual({ date: '2027-04-12', kind: 'closed', name: 'Inventory', hours: [] });
    expect(await lastAudit('calendar.period.create')).toMatchObject({ entity: 'site_calendar_period', entityId: String(closure.id) });

    const ramadan = await hq.calendar.createPeriod({
      site: 'TUN',
      kind: 'special',
      name: 'Ramadan hours',
      startsOn: '2027-02-08',
      endsOn: '2027-03-08',
      hours: { mon: [['09:00', '15:00']], tue: [['09:00', '15:00']] },
    });
    expect(await dayOf('2027-02-09')).toEqual({ date: '2027-02-09', kind: 'special', name: 'Ramadan hours', hours: [['09:00', '15:00']] });
    const rest = await hq.calendar.year({ code: 'TUN', year: 2027 });
    expect(rest.days.find((d) => d.date === '2027-02-09')).toEqual({ date: '2027-02-09', kind: 'special', name: 'Ramadan hours', hours: [['09:00', '15:00']] });

    await hq.calendar.updatePeriod({ site: 'TUN', id: ramadan.id, kind: 'special', name: 'Ramadan', startsOn: '2027-02-08', endsOn: '2027-03-08', hours: { tue: [['10:00', '16:00']] } });
    expect(await dayOf('2027-02-09')).toMatchObject({ kind: 'special', name: 'Ramadan', hours: [['10:00', '16:00']] });
    expect((await lastAudit('calendar.period.update'))!.details).toMatchObject({ from: { name: 'Ramadan hours' }, to: { name: 'Ramadan' } });

    const periods = (await hq.calendar.settings({ code: 'TUN', year: 2027 })).periods;
    expect(periods.map((p) => [p.kind, p.name])).toEqual([
      ['special', 'Ramadan'],
      ['closed', 'Inventory'],
    ]);

    await hq.calendar.deletePeriod({ site: 'TUN', id: closure.id });
    expect(await dayOf('2027-04-12')).toMatchObject({ kind: 'working' });
    expect((await lastAudit('calendar.period.delete'))!.details).toMatchObject({ name: 'Inventory' });
    expect(await trpcCode(() => hq.calendar.deletePeriod({ site: 'TUN', id: closure.id }))).toBe('NOT_FOUND');
    // Another site's period is not reached through this one's code.
    expect(await trpcCode(() => hq.calendar.deletePeriod({ site: 'DKR', id: ramadan.id }))).toBe('NOT_FOUND');
  });

  it('refuse a range backwards or too long, a closure with hours, bad hours and an empty name, changing nothing', async () => {
    const before = await auditCount();
    const count = async () => (await h.db.select({ id: siteCalendarPeriods.id }).from(siteCalendarPeriods)).length;
    const periods = await count();
    const hq = as(a.principals.hq);
    expect(await refusedPaths(() => hq.calendar.createPeriod({ site: 'TUN', kind: 'closed', name: 'x', startsOn: '2027-05-02', endsOn: '2027-05-01' }))).toEqual([
      'endsOn',
    ]);
    expect(await refusedPaths(() => hq.calendar.createPeriod({ site: 'TUN', kind: 'closed', name: 'x', startsOn: '2027-01-01', endsOn: '2028-06-01' }))).toEqual([
      'endsOn',
    ]);
    expect(
      await refusedPaths(() =>
        hq.calendar.createPeriod({ site: 'TUN', kind: 'closed', name: ' ', startsOn: '2027-05-01', endsOn: '2027-05-01', hours: { mon: [['08:00', '09:00']] } }),
      ),
    ).toEqual(['hours', 'name']);
    expect(
      await refusedPaths(() =>
        hq.calendar.createPeriod({ site: 'TUN', kind: 'special', name: 'Strike', startsOn: '2027-05-03', endsOn: '2027-05-03', hours: { mon: [['10:00', '09:00']] } }),
      ),
    ).toEqual(['hours.mon.0.1']);
    expect(await count()).toBe(periods);
    expect(await auditCount()).toBe(before);
  });

  it('are written by HQ only', async () => {
    const input = { site: 'TUN', kind: 'closed' as const, name: 'Mine', startsOn: '2027-06-01', endsOn: '2027-06-01' };
    expect(await trpcCode(() => as(a.principals.lead).calendar.createPeriod(input))).toBe('FORBIDDEN');
    expect(await trpcCode(() => as(a.principals.siteKey).calendar.createPeriod(input))).toBe('FORBIDDEN');
    expect(await trpcCode(() => as().calendar.createPeriod(input))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => as(a.principals.lead).calendar.deletePeriod({ site: 'TUN', id: 1 }))).toBe('FORBIDDEN');
  });
});
