// kpi.today and kpi.siteToday through createCaller: each site's own local day so far against the
// same weekday last week at the same local clock time, on a change to summer time (Paris) and
// across Morocco's move to UTC+0 (Casablanca), with queue status now, fresh or stale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queueStatusLatest, siteInterval, sites, kpiTargets } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { Principal } from '@/server/auth/principal';
import { createCallerFactory, createInnerContext, createTRPCRouter } from '@/server/trpc/init';
import { emptyParts, type KpiParts } from '@/lib/kpi/definitions';
import { trpcCode } from '@/test/fixtures';
import { kpiRouter } from './router';
import { hqUser, leadOf, siteKeyOf } from './test-fixtures';
import { todayWindow } from './today';

const router = createTRPCRouter({ kpi: kpiRouter });
const createCaller = createCallerFactory(router);

let h: DbHandle;
let id: Record<'PAR' | 'CAS' | 'TUN' | 'DKR', number>;
const caller = (principal: Principal | undefined, now: string) =>
  createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => new Date(now) }));

// Paris changes to summer time on Sunday 29 March 2026 (02:00 → 03:00): 10:10 local is 08:10Z
// that day and 09:10Z a week before. Matching by elapsed hours would cut last week at 08:10Z.
const PARIS_NOW = '2026-03-29T08:10:00Z';
// Casablanca is on UTC+0 from 20 September 2026 (tz 2026c), on UTC+1 the week before.
const CASA_NOW = '2026-09-24T10:30:00Z';

const interval = (siteId: number, day: string, startsAt: string, parts: Partial<KpiParts>) => {
  const { qaEvaluations: _e, qaScoredEvaluations: _s, qaScoreSum: _q, ...calls } = { ...emptyParts(), ...parts };
  return { siteId, day, startsAt: new Date(startsAt), outboundCalls: 0, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, ...calls };
};
const offered = (n: number, within: number): Partial<KpiParts> => ({
  calls: n,
  inboundCalls: n,
  offered: n,
  handled: n,
  inboundHandled: n,
  answeredWithinSla: within,
  handleSeconds: n * 300,
});

beforeAll(async () => {
  h = await createTestDb();
  const rows = await h.db
    .insert(sites)
    .values([
      { code: 'PAR', name: 'Paris', country: 'FR', timezone: 'Europe/Paris', kind: 'onshore' },
      { code: 'CAS', name: 'Casablanca', country: 'MA', timezone: 'Africa/Casablanca', kind: 'offshore' },
      { code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis', kind: 'offshore' },
      { code: 'DKR', name: 'Dakar', country: 'SN', timezone: 'Africa/Dakar', kind: 'offshore' },
    ])
    .returning({ id: sites.id, code: sites.code });
  id = Object.fromEntries(rows.map((r) => [r.code, r.id])) as typeof id;
  await h.db.insert(siteInterval).values([
    // Paris today (CEST, UTC+2): 09:45 and 10:00 local have started by 10:10; 10:15 has not.
    interval(id.PAR, '2026-03-29', '2026-03-29T07:45:00Z', offered(10, 8)),
    interval(id.PAR, '2026-03-29', '2026-03-29T08:00:00Z', offered(4, 4)),
    interval(id.PAR, '2026-03-29', '2026-03-29T08:15:00Z', offered(50, 0)),
    // Paris a week before (CET, UTC+1): 09:45 and 10:00 local count, 10:15 local does not.
    interval(id.PAR, '2026-03-22', '2026-03-22T08:45:00Z', offered(20, 10)),
    interval(id.PAR, '2026-03-22', '2026-03-22T09:00:00Z', offered(6, 6)),
    interval(id.PAR, '2026-03-22', '2026-03-22T09:15:00Z', offered(100, 0)),
    // Another day never counts.
    interval(id.PAR, '2026-03-28', '2026-03-28T08:00:00Z', offered(999, 0)),
    // Casablanca today (UTC+0): 10:15 and 10:30 local (the interval in progress).
    interval(id.CAS, '2026-09-24', '2026-09-24T10:15:00Z', offered(3, 3)),
    interval(id.CAS, '2026-09-24', '2026-09-24T10:30:00Z', offered(1, 0)),
    // Casablanca a week before (UTC+1): 10:15 local is 09:15Z, 10:30 local 09:30Z; 10:45 local does not count.
    interval(id.CAS, '2026-09-17', '2026-09-17T09:15:00Z', offered(8, 4)),
    interval(id.CAS, '2026-09-17', '2026-09-17T09:30:00Z', offered(2, 2)),
    interval(id.CAS, '2026-09-17', '2026-09-17T09:45:00Z', offered(70, 0)),
    // Tunis (UTC+1) on 29 March: 09:00 local.
    interval(id.TUN, '2026-03-29', '2026-03-29T08:00:00Z', offered(5, 5)),
  ]);
  await h.db.insert(kpiTargets).values([
    { siteId: null, metric: 'service_level', green: 0.8, amber: 0.7 },
    { siteId: id.CAS, metric: 'service_level', green: 0.6, amber: 0.5 },
  ]);
  const now = new Date(PARIS_NOW).getTime();
  const status = (siteId: number, queue: string, secondsAgo: number, waiting: number, longest: number) => ({
    siteId,
    queue,
    at: new Date(now - secondsAgo * 1000),
    receivedAt: new Date(now - secondsAgo * 1000),
    waiting,
    longestWaitSeconds: longest,
    agentsAvailable: 2,
    agentsBusy: 5,
    agentsWrapUp: 1,
    agentsAway: 1,
  });
  await h.db.insert(queueStatusLatest).values([
    status(id.PAR, 'billing', 30, 3, 40),
    status(id.PAR, 'sales', 600, 7, 300),
    status(id.CAS, 'support', 900, 2, 95),
  ]);
});
afterAll(async () => {
  await h.close();
});

describe('todayWindow', () => {
  it('matches the local clock time a week before across a change to summer time', () => {
    const w = todayWindow(new Date(PARIS_NOW), 'Europe/Paris');
    expect(w).toMatchObject({ localDay: '2026-03-29', lastWeekDay: '2026-03-22', localTime: '10:10' });
    expect(w.lastWeekUntil.toISOString()).toBe('2026-03-22T09:10:00.000Z');
  });

  it('matches it across Casablanca’s move from UTC+1 to UTC+0', () => {
    const w = todayWindow(new Date(CASA_NOW), 'Africa/Casablanca');
    expect(w).toMatchObject({ localDay: '2026-09-24', lastWeekDay: '2026-09-17', localTime: '10:30' });
    expect(w.lastWeekUntil.toISOString()).toBe('2026-09-17T09:30:00.000Z');
  });

  it('takes each site’s own local day: late evening in Paris is already tomorrow in Port Louis', () => {
    const at = new Date('2026-06-10T21:30:00Z');
    expect(todayWindow(at, 'Europe/Paris').localDay).toBe('2026-06-10');
    expect(todayWindow(at, 'Indian/Mauritius').localDay).toBe('2026-06-11');
  });
});

describe('kpi.today', () => {
  it('compares each site’s day so far with the same weekday last week at the same local time', async () => {
    const today = await caller(hqUser, PARIS_NOW).kpi.today({});
    expect(today.sites.map((s) => s.code)).toEqual(['CAS', 'DKR', 'PAR', 'TUN']);
    const par = today.sites.find((s) => s.code === 'PAR')!;
    expect(par).toMatchObject({ localDay: '2026-03-29', lastWeekDay: '2026-03-22', localTime: '10:10', offered: 14, serviceLevel: 12 / 14 });
    expect(par.before).toMatchObject({ offered: 26, serviceLevel: 16 / 26 });
    expect(par.changes.service_level).toBeCloseTo(12 / 14 - 16 / 26, 10);
    expect(par.rag.service_level).toBe('green');
    const tun = today.sites.find((s) => s.code === 'TUN')!;
    expect(tun).toMatchObject({ localDay: '2026-03-29', localTime: '09:10', offered: 5 });
    // No call yet: a ratio is unknown, never 0.
    expect(today.sites.find((s) => s.code === 'DKR')).toMatchObject({ offered: 0, serviceLevel: null, queueNow: null });
    // The network sums each site's own day, not a mean of ratios.
    expect(today.network).toMatchObject({ offered: 19, serviceLevel: 17 / 19, siteCount: 4 });
  });

  it('compares Casablanca by its local clock after its move to UTC+0, against its target', async () => {
    const today = await caller(hqUser, CASA_NOW).kpi.today({ sites: ['cas'] });
    expect(today.sites).toHaveLength(1);
    expect(today.sites[0]).toMatchObject({ code: 'CAS', localDay: '2026-09-24', localTime: '10:30', offered: 4, serviceLevel: 0.75 });
    expect(today.sites[0]!.before).toMatchObject({ offered: 10, serviceLevel: 0.6 });
    expect(today.sites[0]!.rag.service_level).toBe('green');
  });

  it('shows calls waiting from fresh statuses, and a site whose statuses are all stale as stale with its last figures', async () => {
    const today = await caller(hqUser, PARIS_NOW).kpi.today({});
    const par = today.sites.find((s) => s.code === 'PAR')!.queueNow!;
    expect(par).toMatchObject({ waiting: 3, longestWaitSeconds: 40, stale: false, staleQueues: 1, agentsBusy: 5 });
    expect(par.queues.map((q) => [q.queue, q.stale])).toEqual([
      ['billing', false],
      ['sales', true],
    ]);
    const cas = today.sites.find((s) => s.code === 'CAS')!.queueNow!;
    expect(cas).toMatchObject({ waiting: 2, longestWaitSeconds: 95, stale: true, staleQueues: 0 });
  });

  it('gives a site lead their own site, forbids another one, and withholds a thin network', async () => {
    const own = await caller(leadOf(id.PAR), PARIS_NOW).kpi.today({});
    expect(own.sites.map((s) => s.code)).toEqual(['PAR']);
    // Only Tunis has calls besides Paris: the network would give Tunis away.
    expect(own.network.withheld).toContain('calls');
    expect(own.network.offered).toBe(0);
    expect(JSON.stringify(own)).not.toMatch(/TUN|Tunis/);
    expect(await trpcCode(() => caller(leadOf(id.PAR), PARIS_NOW).kpi.today({ sites: ['TUN'] }))).toBe('FORBIDDEN');
  });

  it('refuses anonymous callers and site keys, and unknown codes as bad requests', async () => {
    expect(await trpcCode(() => caller(undefined, PARIS_NOW).kpi.today({}))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(siteKeyOf(id.PAR), PARIS_NOW).kpi.today({}))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(hqUser, PARIS_NOW).kpi.today({ sites: ['ZZZ'] }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(hqUser, PARIS_NOW).kpi.today({ sites: ['1'] }))).toBe('BAD_REQUEST');
  });
});

describe('kpi.siteToday', () => {
  it('lists every interval of a 23-hour day, last week’s matched by local clock time', async () => {
    const today = await caller(hqUser, PARIS_NOW).kpi.siteToday({ code: 'PAR' });
    expect(today.intervals).toHaveLength(92);
    expect(today.serviceLevelTarget).toEqual({ green: 0.8, amber: 0.7 });
    const at = (time: string) => today.intervals.find((i) => i.localTime === time)!;
    expect(at('00:00').start).toBe('2026-03-28T23:00:00.000Z');
    expect(today.intervals.some((i) => i.localTime.startsWith('02:'))).toBe(false);
    expect(at('09:45')).toMatchObject({ offered: 10, serviceLevel: 0.8, lastWeekOffered: 20, lastWeekServiceLevel: 0.5 });
    expect(at('10:00')).toMatchObject({ offered: 4, lastWeekOffered: 6 });
    // Not started yet: nothing to draw today; last week's whole day stays as the reference.
    expect(at('10:15')).toMatchObject({ offered: null, serviceLevel: null, lastWeekOffered: 100 });
    expect(at('08:00')).toMatchObject({ offered: 0, serviceLevel: null, lastWeekOffered: 0 });
    expect(today.site).toMatchObject({ code: 'PAR', offered: 14 });
  });

  it('uses the site’s own target, Casablanca’s intervals on UTC+0', async () => {
    const today = await caller(hqUser, CASA_NOW).kpi.siteToday({ code: 'CAS' });
    expect(today.intervals).toHaveLength(96);
    expect(today.serviceLevelTarget).toEqual({ green: 0.6, amber: 0.5 });
    expect(today.intervals.find((i) => i.localTime === '10:15')).toMatchObject({ start: '2026-09-24T10:15:00.000Z', offered: 3, lastWeekOffered: 8 });
    expect(today.intervals.find((i) => i.localTime === '10:45')).toMatchObject({ offered: null, lastWeekOffered: 70 });
  });

  it('forbids a site lead another site and refuses anonymous callers', async () => {
    expect((await caller(leadOf(id.CAS), CASA_NOW).kpi.siteToday({ code: 'CAS' })).site.code).toBe('CAS');
    expect(await trpcCode(() => caller(leadOf(id.CAS), CASA_NOW).kpi.siteToday({ code: 'PAR' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(undefined, CASA_NOW).kpi.siteToday({ code: 'CAS' }))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(hqUser, CASA_NOW).kpi.siteToday({ code: 'ZZZ' }))).toBe('BAD_REQUEST');
  });
});
