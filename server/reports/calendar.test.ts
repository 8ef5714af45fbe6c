// Daily reports follow the site's calendar: a day the site is closed (a public holiday, a weekly
// closed day) is never missing and does not count in compliance, on the overview, the reports
// page, the inbox, a site's history and GET /api/v1/daily-reports; an HQ move of a holiday's date
// moves all of it.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { dailyReports, siteHolidays } from '@/db/schema';
import { cliActor, type UserPrincipal } from '@/server/auth/principal';
import { createUserTokenByEmail } from '@/server/keys/service';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/context';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { makePrincipal, makeSite } from '@/test/fixtures';

let h: DbHandle;
let hq: UserPrincipal;
let token: string;
let tunId: number;
// Monday 27 April to Sunday 3 May 2026: Friday 1 May is Labour Day in Tunisia, Sundays are closed.
const RANGE = { from: '2026-04-27', to: '2026-05-03' };
const now = new Date('2026-05-10T12:00:00Z');
const office = [['08:00', '18:00']] as [string, string][];

beforeAll(async () => {
  h = await createTestDb();
  const tun = await makeSite(h.db, {
    code: 'TUN',
    name: 'Tunis Lac',
    country: 'TN',
    timezone: 'Africa/Tunis',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    weeklyHours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: office },
  });
  tunId = tun.id;
  const report = (day: string, submittedAt: string) => ({ siteId: tun.id, day, scheduledAgents: 20, presentAgents: 19, submittedAt: new Date(submittedAt), submittedBy: 'lead' });
  await h.db.insert(dailyReports).values([report('2026-04-27', '2026-04-27T18:00:00Z'), report('2026-04-28', '2026-04-28T18:00:00Z')]);
  hq = await makePrincipal(h.db, 'hq_manager');
  token = (await createUserTokenByEmail(h.db, cliActor(), { email: hq.email, name: 'bi' })).secret;
});
afterAll(() => h.close());

const caller = () => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal: hq, now: () => now }));

async function missingOn(date: string): Promise<string[]> {
  const req = new Request(`http://vigie.test/api/v1/daily-reports?date=${date}`, { headers: { authorization: `Bearer ${token}` } });
  const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null, now: () => now }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { missing: string[] }).missing;
}

describe('daily reports on a site calendar', () => {
  it('owes no report on a holiday or a closed Sunday: compliance counts the 5 working days', async () => {
    const overview = await caller().kpi.comparison({ ...RANGE, sites: 'TUN' });
    expect(overview.sites[0]!.reports).toMatchObject({ expectedDays: 5, onTime: 2, missingDays: 3, lastMissingDay: '2026-05-02' });
    expect(overview.sites[0]!.reportCompliance).toBeCloseTo(2 / 5, 12);

    const summary = await caller().reports.compliance({ ...RANGE, sites: 'TUN' });
    expect(summary.sites[0]).toMatchObject({ expected: 5, onTime: 2, missing: 3 });

    const history = await caller().reports.history({ ...RANGE, site: 'TUN' });
    expect(history.days.map((d) => [d.date, d.status])).toEqual([
      ['2026-05-02', 'missing'],
      ['2026-04-30', 'missing'],
      ['2026-04-29', 'missing'],
      ['2026-04-28', 'on_time'],
      ['2026-04-27', 'on_time'],
    ]);

    expect(await missingOn('2026-05-01')).toEqual([]);
    expect(await missingOn('2026-05-03')).toEqual([]);
    expect(await missingOn('2026-04-30')).toEqual(['TUN']);

    const inbox = await caller().reports.inbox({ date: '2026-05-01' });
    expect(inbox[0]).toMatchObject({ date: '2026-05-01', status: 'closed', closed: 'Labour Day', report: null });
    const sunday = await caller().reports.inbox({ date: '2026-05-03' });
    expect(sunday[0]).toMatchObject({ status: 'closed', closed: '' });
  });

  it('follows HQ when it moves the holiday to another date, and counts it again once dropped', async () => {
    const key = and(eq(siteHolidays.siteId, tunId), eq(siteHolidays.holidayKey, '2026-05-01:Labour Day'));
    await h.db.update(siteHolidays).set({ observedOn: '2026-04-30', status: 'confirmed' }).where(key);
    expect(await missingOn('2026-04-30')).toEqual([]);
    expect(await missingOn('2026-05-01')).toEqual(['TUN']);
    const moved = await caller().kpi.comparison({ ...RANGE, sites: 'TUN' });
    expect(moved.sites[0]!.reports).toMatchObject({ expectedDays: 5, missingDays: 3, lastMissingDay: '2026-05-02' });

    await h.db.update(siteHolidays).set({ status: 'dropped' }).where(key);
    const dropped = await caller().kpi.comparison({ ...RANGE, sites: 'TUN' });
    expect(dropped.sites[0]!.reports).toMatchObject({ expectedDays: 6, onTime: 2, missingDays: 4 });
  });
});
