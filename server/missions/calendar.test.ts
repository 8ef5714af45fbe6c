// Mission pace and projection on a site's working calendar, on a real database: a May window in
// Paris holds three public holidays and four weekend days; the figures equal a hand count of its
// working days, and follow HQ when it drops or moves a holiday through the calendar procedures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import type { Actor, Principal, UserPrincipal } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { makePrincipal, makeSite } from '@/test/fixtures';
import { publicHolidaysOf } from '@/server/calendar/holidays';

let h: DbHandle;
let hq: UserPrincipal;
const pushActor: Actor = { actorType: 'site_key', actorId: 1, actorLabel: 'site key test' };
// Friday 8 May 2026, 10:00 in Paris (Victory Day, a public holiday): 4 May–7 May are complete.
const NOW = new Date('2026-05-08T08:00:00Z');
const as = (principal: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => NOW }));

const OFFICE: Record<string, [string, string][]> = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
};

function success(externalId: string, startedAt: string) {
  return {
    externalId,
    startedAt,
    direction: 'outbound',
    queue: 'sales',
    waitSeconds: 0,
    talkSeconds: 200,
    holdSeconds: 0,
    wrapSeconds: 20,
    abandoned: false,
    missionCode: 'MAY-26',
    outcome: 'sold',
  };
}

beforeAll(async () => {
  h = await createTestDb();
  const par = await makeSite(h.db, { code: 'PAR', name: 'Paris', country: 'FR', timezone: 'Europe/Paris', weeklyHours: OFFICE });
  hq = await makePrincipal(h.db, 'hq_manager');
  await as(hq).missions.create({
    code: 'MAY-26',
    name: 'May upsell',
    description: 'Upsell on every outbound call',
    startsOn: '2026-05-01',
    endsOn: '2026-05-14',
    successOutcomes: ['sold'],
    targets: [{ site: 'PAR', target: 14 }],
  });
  const result = await ingestCalls(h.db, {
    siteId: par.id,
    actor: pushActor,
    records: [success('m-1', '2026-05-04T10:00:00+02:00'), success('m-2', '2026-05-04T11:00:00+02:00'), success('m-3', '2026-05-06T15:00:00+02:00')],
  });
  expect(result.rejected).toEqual([]);
});
afterAll(async () => {
  await h.close();
});

/** The library's key of Paris's holiday on a date of 2026. */
const holidayOn = (date: string) => publicHolidaysOf('FR', 2026).find((x) => x.libraryDate === date)!.holidayKey;

async function parProgress() {
  const detail = await as(hq).missions.detail({ code: 'MAY-26' });
  return detail.sites.find((s) => s.code === 'PAR')!;
}

describe('mission pace on working days', () => {
  it('counts the working days of the window by hand: 1, 8 and 14 May are holidays, weekends are closed', async () => {
    // Window 1–14 May: working days 4–7 and 11–13 May = 7; elapsed before today (8 May): 4–7 May = 4.
    const par = await parProgress();
    expect(par).toMatchObject({ achieved: 3, target: 14, workingDays: 7, workingDaysElapsed: 4, elapsedDays: 7, windowDays: 14 });
    expect(par.pace).toBeCloseTo(3 / 14 / (4 / 7), 12);
    expect(par.projection).toBeCloseTo((3 / 4) * 7, 12);
  });

  it('follows HQ: a dropped holiday is a working day again, a moved one closes its new date instead', async () => {
    // Victory Day dropped: 8 May works (not complete yet), 8 working days.
    await as(hq).calendar.dropHoliday({ site: 'PAR', holidayKey: holidayOn('2026-05-08') });
    let par = await parProgress();
    expect(par).toMatchObject({ workingDays: 8, workingDaysElapsed: 4 });
    expect(par.projection).toBeCloseTo((3 / 4) * 8, 12);

    // Labour Day moved to Saturday 2 May (already closed): 1 May works and is complete.
    await as(hq).calendar.moveHoliday({ site: 'PAR', holidayKey: holidayOn('2026-05-01'), observedOn: '2026-05-02' });
    par = await parProgress();
    expect(par).toMatchObject({ workingDays: 9, workingDaysElapsed: 5 });
    expect(par.pace).toBeCloseTo(3 / 14 / (5 / 9), 12);
    expect(par.projection).toBeCloseTo((3 / 5) * 9, 12);
  });
});
