// Calls offered outside opening hours on a real database: counted per site from the 15-minute
// intervals against the calendar (weekly hours, a closed Sunday on the day Paris changes to summer
// time, a public holiday), shown through kpi.outOfHours (a lead reads only their own site), and
// left out of the service level only at a site whose settings say so, the network's included.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { siteDay, siteInterval, sites, type WeeklyHours } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { emptyParts, type KpiParts } from '@/lib/kpi/definitions';
import type { Principal } from '@/server/auth/principal';
import { createCallerFactory, createInnerContext, createTRPCRouter } from '@/server/trpc/init';
import { trpcCode } from '@/test/fixtures';
import { kpiRouter } from './router';
import { outOfHoursBySite } from './out-of-hours';
import { hqUser, leadOf } from './test-fixtures';

const router = createTRPCRouter({ kpi: kpiRouter });
const createCaller = createCallerFactory(router);

let h: DbHandle;
let id: Record<'PAR' | 'TNR', number>;
const caller = (principal: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => new Date('2026-04-08T10:00:00Z') }));

const RANGE = { from: '2026-03-27', to: '2026-04-06' };
const WEEKDAYS_8_TO_18: WeeklyHours = { mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [['08:00', '18:00']], thu: [['08:00', '18:00']], fri: [['08:00', '18:00']] };

type Calls = { offered: number; within: number; abandoned?: number };
const callParts = ({ offered, within, abandoned = 0 }: Calls): Partial<KpiParts> => ({
  calls: offered,
  inboundCalls: offered,
  offered,
  handled: offered - abandoned,
  inboundHandled: offered - abandoned,
  abandoned,
  answeredWithinSla: within,
  handleSeconds: (offered - abandoned) * 300,
});

/**
 * Paris keeps Monday–Friday 08:00–18:00 (CET, UTC+1, until Sunday 29 March; CEST, UTC+2, after).
 *   Fri 27 March: 07:45 local 5 offered (out, 0 within); 08:00 local 10 (in, 9 within);
 *                 17:45 local 2 (in, 2 within); 18:00 local 3 (out, 0 within, 1 abandoned).
 *   Sun 29 March (closed, the day 02:00 becomes 03:00): 10:00 local 4 (out, 1 within).
 *   Mon 30 March: 07:45 local 1 (out, 1 within); 08:00 local 20 (in, 15 within).
 *   Mon 6 April, Easter Monday (a public holiday): 10:00 local 7 (out, 7 within).
 * Out of hours: 20 offered, 9 within, 1 abandoned; in hours: 32 offered, 26 within. All: 52, 35.
 * TNR (Indian/Antananarivo, around the clock, no holiday in the range kept): 03:00 local 6 (in, 3 within).
 */
const PAR_INTERVALS: [string, string, Calls][] = [
  ['2026-03-27', '2026-03-27T06:45:00Z', { offered: 5, within: 0 }],
  ['2026-03-27', '2026-03-27T07:00:00Z', { offered: 10, within: 9 }],
  ['2026-03-27', '2026-03-27T16:45:00Z', { offered: 2, within: 2 }],
  ['2026-03-27', '2026-03-27T17:00:00Z', { offered: 3, within: 0, abandoned: 1 }],
  ['2026-03-29', '2026-03-29T08:00:00Z', { offered: 4, within: 1 }],
  ['2026-03-30', '2026-03-30T05:45:00Z', { offered: 1, within: 1 }],
  ['2026-03-30', '2026-03-30T06:00:00Z', { offered: 20, within: 15 }],
  ['2026-04-06', '2026-04-06T08:00:00Z', { offered: 7, within: 7 }],
];
const TNR_INTERVALS: [string, string, Calls][] = [['2026-03-31', '2026-03-31T00:00:00Z', { offered: 6, within: 3 }]];

async function insertIntervals(siteId: number, rows: [string, string, Calls][]) {
  const { qaEvaluations: _e, qaScoredEvaluations: _s, qaScoreSum: _q, ...zero } = emptyParts();
  const intervals = rows.map(([day, startsAt, calls]) => ({ siteId, day, startsAt: new Date(startsAt), outboundCalls: 0, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, ...zero, ...callParts(calls) }));
  await h.db.insert(siteInterval).values(intervals);
  // site_day as ingest keeps it: each day the sum of its intervals.
  const byDay = new Map<string, Calls>();
  for (const [day, , c] of rows) {
    const sum = byDay.get(day) ?? { offered: 0, within: 0, abandoned: 0 };
    byDay.set(day, { offered: sum.offered + c.offered, within: sum.within + c.within, abandoned: (sum.abandoned ?? 0) + (c.abandoned ?? 0) });
  }
  await h.db.insert(siteDay).values([...byDay].map(([day, c]) => ({ siteId, day, ...emptyParts(), ...callParts(c) })));
}

beforeAll(async () => {
  h = await createTestDb();
  const rows = await h.db
    .insert(sites)
    .values([
      { code: 'PAR', name: 'Paris', country: 'FR', timezone: 'Europe/Paris', kind: 'onshore', weeklyHours: WEEKDAYS_8_TO_18 },
      { code: 'TNR', name: 'Antananarivo', country: 'XX', timezone: 'Indian/Antananarivo', kind: 'offshore', weeklyHours: null },
    ])
    .returning({ id: sites.id, code: sites.code });
  id = Object.fromEntries(rows.map((r) => [r.code, r.id])) as typeof id;
  await insertIntervals(id.PAR, PAR_INTERVALS);
  await insertIntervals(id.TNR, TNR_INTERVALS);
});
afterAll(async () => {
  await h.close();
});

describe('calls offered out of hours', () => {
  it('counts the intervals that start outside opening hours, on a closed DST Sunday and a public holiday', async () => {
    const found = await outOfHoursBySite(h.db, [id.PAR, id.TNR], RANGE);
    expect(found.get(id.PAR)).toEqual({ offered: 20, handled: 19, abandoned: 1, answeredWithinSla: 9, alwaysOpen: false });
    expect(found.get(id.TNR)).toEqual({ offered: 0, handled: 0, abandoned: 0, answeredWithinSla: 0, alwaysOpen: true });
  });

  it('follows the hours of one day: 07:45 and 18:00 are out, 08:00 and 17:45 (the last quarter before closing) are in', async () => {
    const found = await outOfHoursBySite(h.db, [id.PAR], { from: '2026-03-27', to: '2026-03-27' });
    expect(found.get(id.PAR)).toMatchObject({ offered: 8, answeredWithinSla: 0 });
  });

  it('are shown on the site page with their share and service level, for HQ and the site’s own lead only', async () => {
    const summary = await caller(hqUser).kpi.outOfHours({ site: 'par', ...RANGE });
    expect(summary).toEqual({
      ...RANGE,
      code: 'PAR',
      offered: 20,
      handled: 19,
      abandoned: 1,
      answeredWithinSla: 9,
      shareOfOffered: 20 / 52,
      serviceLevel: 9 / 20,
      excludedFromServiceLevel: false,
      alwaysOpen: false,
    });
    expect(await caller(leadOf(id.PAR)).kpi.outOfHours({ site: 'PAR', ...RANGE })).toMatchObject({ offered: 20 });
    expect(await trpcCode(() => caller(leadOf(id.TNR)).kpi.outOfHours({ site: 'PAR', ...RANGE }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(hqUser).kpi.outOfHours({ site: 'PAR', from: '2026-04-06', to: '2026-03-27' }))).toBe('BAD_REQUEST');
  });

  it('stay in the service level as defined unless the site’s settings leave them out, then the network’s leaves them out too', async () => {
    const counted = await caller(hqUser).kpi.comparison(RANGE);
    const parCounted = counted.sites.find((s) => s.code === 'PAR')!;
    expect(parCounted.serviceLevel).toBeCloseTo(35 / 52, 10);
    expect(parCounted.slExcluded).toBeNull();
    expect(counted.network.serviceLevel).toBeCloseTo((35 + 3) / (52 + 6), 10);

    await h.db.update(sites).set({ slExcludesOutOfHours: true }).where(eq(sites.id, id.PAR));
    try {
      const excluded = await caller(hqUser).kpi.comparison(RANGE);
      const par = excluded.sites.find((s) => s.code === 'PAR')!;
      expect(par.serviceLevel).toBeCloseTo(26 / 32, 10);
      expect(par.slExcluded).toEqual({ offered: 20, answeredWithinSla: 9 });
      // Only the service level: offered and the abandon rate still count every call.
      expect(par.offered).toBe(52);
      expect(par.abandonRate).toBeCloseTo(1 / 52, 10);
      expect(excluded.sites.find((s) => s.code === 'TNR')!.slExcluded).toBeNull();
      expect(excluded.network.serviceLevel).toBeCloseTo((26 + 3) / (32 + 6), 10);
      expect(excluded.network.slExcluded).toEqual({ offered: 20, answeredWithinSla: 9 });
      expect((await caller(hqUser).kpi.outOfHours({ site: 'PAR', ...RANGE })).excludedFromServiceLevel).toBe(true);
      // The REST answer (GET /api/v1/kpis) is the same figure.
      const rest = await caller(hqUser).kpi.compare({ ...RANGE });
      expect(rest.sites.find((s) => s.code === 'PAR')!.serviceLevel).toBeCloseTo(26 / 32, 10);
    } finally {
      await h.db.update(sites).set({ slExcludesOutOfHours: false }).where(eq(sites.id, id.PAR));
    }
  });
});
