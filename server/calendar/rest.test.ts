// GET /api/v1/sites/{code}/calendar over real Request/Response objects: the handler the route
// serves, a real database, real tokens and keys. The answer's shape and every refusal's status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { createSiteKey, createUserTokenByEmail } from '@/server/keys/service';
import { handleRest, openApiDocument } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';
import { makeSite, makeUser } from '@/test/fixtures';
import { createCalendarPeriod, moveHoliday, setWeeklyHours } from './edits';

let h: DbHandle;
let hqToken: string;
let leadToken: string;
let tunKey: string;

beforeAll(async () => {
  h = await createTestDb();
  const tun = await makeSite(h.db, { code: 'TUN', timezone: 'Africa/Tunis', country: 'TN' });
  await makeSite(h.db, { code: 'PAR', timezone: 'Europe/Paris', country: 'FR' });
  await makeUser(h.db, 'hq_manager', { email: 'hq@calendar.test' });
  await makeUser(h.db, 'site_lead', { email: 'lead@calendar.test', siteId: tun.id });
  hqToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'hq@calendar.test', name: 'bi' })).secret;
  leadToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'lead@calendar.test', name: 'bi' })).secret;
  tunKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'pbx' })).secret;

  const weekdays: [string, string][] = [['08:00', '18:00']];
  await setWeeklyHours(h.db, cliActor(), {
    site: 'TUN',
    weeklyHours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [['09:00', '13:00']] },
  });
  await moveHoliday(h.db, cliActor(), { site: 'TUN', holidayKey: '2027-03-09:End of Ramadan (Eid al-Fitr)', observedOn: '2027-03-10' });
  await createCalendarPeriod(h.db, cliActor(), { site: 'TUN', kind: 'closed', name: 'Inventory', startsOn: '2027-04-12', endsOn: '2027-04-12' });
  await createCalendarPeriod(h.db, cliActor(), {
    site: 'TUN',
    kind: 'special',
    name: 'Ramadan hours',
    startsOn: '2027-02-08',
    endsOn: '2027-02-09',
    hours: { mon: [['09:00', '15:00']], tue: [['09:00', '14:30']] },
  });
});
afterAll(() => h.close());

async function get(path: string, token?: string) {
  const req = new Request(`http://vigie.test/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null }));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('GET /api/v1/sites/{code}/calendar', () => {
  it('answers the weekly hours and every day that is not an ordinary working day', async () => {
    const res = await get('/sites/TUN/calendar?year=2027', hqToken);
    expect(res.status).toBe(200);
    const body = res.json as { code: string; timezone: string; year: number; weeklyHours: unknown; days: { date: string; kind: string; name: string | null; hours?: unknown }[] };
    expect(Object.keys(body).sort()).toEqual(['code', 'days', 'timezone', 'weeklyHours', 'year']);
    expect(body).toMatchObject({ code: 'TUN', timezone: 'Africa/Tunis', year: 2027 });
    expect(body.weeklyHours).toEqual({
      mon: [['08:00', '18:00']],
      tue: [['08:00', '18:00']],
      wed: [['08:00', '18:00']],
      thu: [['08:00', '18:00']],
      fri: [['08:00', '18:00']],
      sat: [['09:00', '13:00']],
    });
    const on = (date: string) => body.days.find((d) => d.date === date);
    expect(on('2027-01-01')).toEqual({ date: '2027-01-01', kind: 'holiday', name: "New Year's Day" });
    expect(on('2027-03-09')).toBeUndefined(); // the library's date, moved by HQ
    expect(on('2027-03-10')).toEqual({ date: '2027-03-10', kind: 'holiday', name: 'End of Ramadan (Eid al-Fitr)' });
    expect(on('2027-04-12')).toEqual({ date: '2027-04-12', kind: 'closed', name: 'Inventory' });
    expect(on('2027-01-03')).toEqual({ date: '2027-01-03', kind: 'closed', name: null }); // a Sunday
    expect(on('2027-02-08')).toEqual({ date: '2027-02-08', kind: 'special', name: 'Ramadan hours', hours: [['09:00', '15:00']] });
    expect(on('2027-02-09')).toEqual({ date: '2027-02-09', kind: 'special', name: 'Ramadan hours', hours: [['09:00', '14:30']] });
    expect(on('2027-01-04')).toBeUndefined(); // a Monday like any other
    expect(body.days.map((d) => d.date)).toEqual([...body.days.map((d) => d.date)].sort());
    expect(body.days.every((d) => d.date.startsWith('2027-'))).toBe(true);
  });

  it('gives a site open around the clock null weekly hours and its holidays only', async () => {
    const res = await get('/sites/par/calendar?year=2026', hqToken);
    expect(res.status).toBe(200);
    expect(res.json.weeklyHours).toBeNull();
    const days = res.json.days as { date: string; kind: string }[];
    expect(days.every((d) => d.kind === 'holiday')).toBe(true);
    expect(days.map((d) => d.date)).toEqual(expect.arrayContaining(['2026-07-14', '2026-12-25']));
  });

  it('lets a site lead’s token read their own site; another site is a 404 like an unknown one', async () => {
    expect((await get('/sites/TUN/calendar?year=2027', leadToken)).status).toBe(200);
    expect((await get('/sites/PAR/calendar?year=2027', leadToken)).status).toBe(404);
    expect((await get('/sites/NOPE/calendar?year=2027', hqToken)).status).toBe(404);
  });

  it('answers 401 without a credential and 403 to a site key', async () => {
    expect((await get('/sites/TUN/calendar?year=2027')).status).toBe(401);
    expect((await get('/sites/TUN/calendar?year=2027', tunKey)).status).toBe(403);
  });

  it('answers 400 with the reasons for a year out of range, not a year, or missing', async () => {
    for (const query of ['year=1999', 'year=2101', 'year=twenty', 'year=2027.5', '']) {
      const res = await get(`/sites/TUN/calendar?${query}`, hqToken);
      expect(res.status, query).toBe(400);
      expect((res.json.issues as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['year']);
    }
    const badCode = await get('/sites/T1/calendar?year=2027', hqToken);
    expect(badCode.status).toBe(400);
  });

  it('is described in the OpenAPI document', () => {
    const doc = openApiDocument('http://vigie.test');
    const op = doc.paths?.['/sites/{code}/calendar']?.get;
    expect(op?.parameters?.map((p) => ('name' in p ? p.name : null)).sort()).toEqual(['code', 'year']);
  });
});
