// The wallboard snapshot on a real database (PGlite, and PostgreSQL with TEST_DATABASE_URL): its
// day figures are the daily rollup's KPIs for the same site-local day, a rolling 24-hour site
// counts the whole intervals since now − 24 h, stale queue statuses are listed stale and left out
// of the sums, targets fall back to the network's, and the feed and opening state follow the
// calendar.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { sumSiteDays, upsertTarget } from '@/db/queries/kpis';
import { siteFeeds, sites } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor, type Actor } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { buildIntraday } from '@/server/intraday/intraday';
import { pushQueueStatus } from '@/server/queue-status/service';
import { computeKpis, emptyParts, partsOfCall, sumParts, type CallForKpi, type KpiParts } from '@/lib/kpi/definitions';
import { wallboardSnapshot, type WallboardSnapshot } from '@/lib/live/wallboard';
import { makeSite } from '@/test/fixtures';
import { buildWallboardSnapshot, LIVE_FEED_LATE_MS, rollingWindowStart } from './snapshot';

let h: DbHandle;
const actor: Actor = { actorType: 'site_key', actorId: null, actorLabel: 'live test' };
/** A Monday: 11:07 in Tunis and Algiers, 14:07 in Mauritius, 10:07 in Dakar. */
const NOW = new Date('2026-11-02T10:07:00Z');
const MINUTE = 60_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

type Call = CallForKpi & { externalId: string; startedAt: string; queue: string };
const call = (externalId: string, startedAt: string, extra: Partial<Call> = {}): Call => ({
  externalId,
  startedAt,
  direction: 'inbound',
  queue: 'billing',
  waitSeconds: 10,
  talkSeconds: 200,
  holdSeconds: 15,
  wrapSeconds: 40,
  abandoned: false,
  resolved: null,
  csat: null,
  ...extra,
});

const TUN_CALLS = [
  call('t1', '2026-11-02T08:00:00Z'),
  call('t2', '2026-11-02T09:30:00Z', { abandoned: true, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, waitSeconds: 30 }),
  call('t3', '2026-11-02T09:31:00Z', { waitSeconds: 45 }),
  call('t4', '2026-11-02T07:00:00Z', { direction: 'outbound', waitSeconds: 0 }),
  call('t5', '2026-11-02T09:40:00Z', { abandoned: true, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, waitSeconds: 2 }),
  // 23:30 on 1 November in Tunis: yesterday, not today.
  call('t0', '2026-11-01T22:30:00Z'),
];
// Mauritius keeps a rolling window: now − 24 h is 10:07Z on the 1st, so counting starts at 10:15Z.
const MRU_CALLS = [
  call('m0', '2026-11-01T10:10:00Z'),
  call('m1', '2026-11-01T10:20:00Z', { waitSeconds: 25 }),
  call('m2', '2026-11-02T09:00:00Z', { waitSeconds: 5 }),
];

let tun: { id: number };
let mru: { id: number };
let alg: { id: number };
let dkr: { id: number };
let snapshot: WallboardSnapshot;

const partsOf = (calls: readonly Call[], sla = 20): KpiParts => sumParts(calls.map((c) => partsOfCall(c, sla)));
const dayOf = (parts: KpiParts) => {
  const k = computeKpis(parts);
  return { offered: k.offered, handled: k.handled, abandoned: k.abandoned, serviceLevel: k.serviceLevel, abandonRate: k.abandonRate, ahtSeconds: k.ahtSeconds, asaSeconds: k.asaSeconds };
};
const siteOf = (s: WallboardSnapshot, code: string) => s.sites.find((x) => x.code === code)!;
const queue = (name: string, waiting: number) => ({
  queue: name,
  waiting,
  longestWaitSeconds: waiting * 12,
  agentsAvailable: 2,
  agentsBusy: 5,
  agentsWrapUp: 1,
  agentsAway: 1,
});

beforeAll(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', timezone: 'Africa/Tunis', country: 'TN' });
  mru = await makeSite(h.db, { code: 'MRU', timezone: 'Indian/Mauritius', country: 'MU', liveWindow: 'rolling24' });
  // Algiers opens in the evening only: closed at NOW.
  alg = await makeSite(h.db, { code: 'ALG', timezone: 'Africa/Algiers', country: 'DZ', weeklyHours: { mon: [['18:00', '22:00']] } });
  dkr = await makeSite(h.db, { code: 'DKR', timezone: 'Africa/Dakar', country: 'SN' });
  await makeSite(h.db, { code: 'CAS', timezone: 'Africa/Casablanca', country: 'MA' });
  await makeSite(h.db, { code: 'OLD', timezone: 'Africa/Tunis', country: 'TN', active: false });

  await ingestCalls(h.db, { siteId: tun.id, actor, records: TUN_CALLS });
  await ingestCalls(h.db, { siteId: mru.id, actor, records: MRU_CALLS });

  // TUN: one fresh queue and one stale; MRU: only a stale one.
  await pushQueueStatus(h.db, { siteId: tun.id, actor: cliActor(), now: ago(5 * MINUTE), body: { at: ago(5 * MINUTE).toISOString(), queues: [queue('sales', 7)] } });
  await pushQueueStatus(h.db, { siteId: tun.id, actor: cliActor(), now: ago(30_000), body: { at: ago(30_000).toISOString(), queues: [queue('billing', 3)] } });
  await pushQueueStatus(h.db, { siteId: mru.id, actor: cliActor(), now: ago(10 * MINUTE), body: { at: ago(10 * MINUTE).toISOString(), queues: [queue('billing', 9)] } });

  // Feeds as of NOW (ingest stamps its own clock): TUN's pushes are older than its queue status,
  // Dakar went silent past the threshold, Casablanca never pushed, Algiers is closed.
  const feeds = [
    { siteId: tun.id, lastPushAt: ago(2 * MINUTE) },
    { siteId: mru.id, lastPushAt: ago(3 * MINUTE) },
    { siteId: dkr.id, lastPushAt: ago(LIVE_FEED_LATE_MS + MINUTE) },
    { siteId: alg.id, lastPushAt: ago(3 * 3_600_000) },
  ];
  for (const f of feeds) await h.db.update(siteFeeds).set({ lastPushAt: f.lastPushAt }).where(eq(siteFeeds.siteId, f.siteId));
  await h.db.insert(siteFeeds).values(feeds.filter((f) => f.siteId === dkr.id || f.siteId === alg.id)).onConflictDoNothing();

  await upsertTarget(h.db, { siteId: null, metric: 'service_level', green: 0.8, amber: 0.7 });
  await upsertTarget(h.db, { siteId: tun.id, metric: 'service_level', green: 0.9, amber: 0.85 });
  await upsertTarget(h.db, { siteId: null, metric: 'aht', green: 300, amber: 360 });

  snapshot = await buildWallboardSnapshot(h.db, { siteIds: null, now: NOW });
});
afterAll(() => h.close());

describe('buildWallboardSnapshot', () => {
  it('has the shape the wallboard reads, every active site and no inactive one, in code order', () => {
    expect(wallboardSnapshot.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.siteCodes).toBeNull();
    expect(snapshot.generatedAt).toBe(NOW.toISOString());
    expect(snapshot.sites.map((s) => s.code)).toEqual(['ALG', 'CAS', 'DKR', 'MRU', 'TUN']);
  });

  it("gives a site's day so far the daily rollup's KPIs for its local day, and the intraday view's sums", async () => {
    const t = siteOf(snapshot, 'TUN');
    expect(t.localDay).toBe('2026-11-02');
    expect(t.window).toBe('day');
    expect(t.windowStart).toBe('2026-11-01T23:00:00.000Z');
    const [daily] = await sumSiteDays(h.db, { from: '2026-11-02', to: '2026-11-02', siteIds: [tun.id] });
    expect(t.today).toEqual(dayOf({ ...emptyParts(), ...daily, qaEvaluations: 0, qaScoredEvaluations: 0, qaScoreSum: 0 }));
    expect(t.today).toEqual(dayOf(partsOf(TUN_CALLS.filter((c) => c.externalId !== 't0'))));
    expect(t.today).toMatchObject({ offered: 3, handled: 3, abandoned: 1 });

    const intraday = await buildIntraday(h.db, { scope: { all: true }, date: '2026-11-02', siteCodes: ['TUN'] });
    const intervals = intraday.sites[0]!.intervals;
    expect(intervals.reduce((n, i) => n + i.offered, 0)).toBe(t.today.offered);
    expect(intervals.reduce((n, i) => n + i.handled, 0)).toBe(t.today.handled);
    expect(intervals.reduce((n, i) => n + i.abandoned, 0)).toBe(t.today.abandoned);
  });

  it('counts the whole intervals since now − 24 h for a site on the rolling window', () => {
    const m = siteOf(snapshot, 'MRU');
    expect(m.window).toBe('rolling24');
    expect(m.localDay).toBe('2026-11-02');
    expect(m.windowStart).toBe('2026-11-01T10:15:00.000Z');
    expect(rollingWindowStart(NOW).toISOString()).toBe('2026-11-01T10:15:00.000Z');
    // m0 started in the 10:00 interval, which began before now − 24 h; m1 is from the site's yesterday.
    expect(m.today).toEqual(dayOf(partsOf(MRU_CALLS.filter((c) => c.externalId !== 'm0'))));
    expect(m.today.offered).toBe(2);
  });

  it('sums the network from the sites’ parts, never as a mean of their ratios', () => {
    const network = dayOf(sumParts([partsOf(TUN_CALLS.filter((c) => c.externalId !== 't0')), partsOf(MRU_CALLS.filter((c) => c.externalId !== 'm0'))]));
    expect(snapshot.network).toMatchObject(network);
    expect(snapshot.network).toMatchObject({ waiting: 3, longestWaitSeconds: 36, agentsAvailable: 2, agentsBusy: 5, agentsWrapUp: 1, agentsAway: 1 });
  });

  it('lists a stale queue as stale and leaves it out of the sums; a site with no fresh queue is stale, its last status kept', () => {
    const t = siteOf(snapshot, 'TUN').queueNow;
    expect(t.stale).toBe(false);
    expect(t.queues.map((q) => [q.queue, q.stale, q.waiting])).toEqual([
      ['billing', false, 3],
      ['sales', true, 7],
    ]);
    expect(t).toMatchObject({ waiting: 3, longestWaitSeconds: 36, at: ago(30_000).toISOString() });

    const m = siteOf(snapshot, 'MRU').queueNow;
    expect(m.stale).toBe(true);
    expect(m.at).toBe(ago(10 * MINUTE).toISOString());
    expect(m.queues).toEqual([expect.objectContaining({ queue: 'billing', stale: true, waiting: 9 })]);
    expect(m.waiting).toBe(0);

    const c = siteOf(snapshot, 'CAS').queueNow;
    expect(c).toMatchObject({ stale: true, at: null, queues: [] });
  });

  it("colours by the site's own target, else the network's", () => {
    expect(siteOf(snapshot, 'TUN').targets).toEqual({ serviceLevel: { green: 0.9, amber: 0.85 }, abandonRate: null, ahtSeconds: { green: 300, amber: 360 }, asaSeconds: null });
    expect(siteOf(snapshot, 'DKR').targets.serviceLevel).toEqual({ green: 0.8, amber: 0.7 });
  });

  it('says live, late, never or closed for the feed, and open or closed by the calendar', () => {
    // TUN's queue status is newer than its calls: the feed is whatever the site pushes.
    expect(siteOf(snapshot, 'TUN').feed).toEqual({ lastPushAt: ago(30_000).toISOString(), status: 'live' });
    // 2 November is a public holiday in Mauritius: closed, whatever it pushes, when its calendar says so.
    const m = siteOf(snapshot, 'MRU');
    expect(m.feed).toEqual({ lastPushAt: ago(3 * MINUTE).toISOString(), status: m.calendar.open ? 'live' : 'closed' });
    expect(siteOf(snapshot, 'DKR').feed).toEqual({ lastPushAt: ago(LIVE_FEED_LATE_MS + MINUTE).toISOString(), status: 'late' });
    expect(siteOf(snapshot, 'CAS').feed).toEqual({ lastPushAt: null, status: 'never' });
    const a = siteOf(snapshot, 'ALG');
    expect(a.feed.status).toBe('closed');
    expect(a.calendar).toMatchObject({ open: false, opensAt: '2026-11-02T17:00:00.000Z' });
    expect(siteOf(snapshot, 'TUN').calendar.open).toBe(true);
  });

  it('builds the sites asked for, inactive ones included, and their network only', async () => {
    const old = (await h.db.select().from(sites).where(eq(sites.code, 'OLD')))[0]!;
    const some = await buildWallboardSnapshot(h.db, { siteIds: [tun.id, old.id], now: NOW });
    expect(some.siteCodes).toEqual(['OLD', 'TUN']);
    expect(some.network.offered).toBe(siteOf(snapshot, 'TUN').today.offered);
    expect(some.version).toBeGreaterThan(snapshot.version);
    const none = await buildWallboardSnapshot(h.db, { siteIds: [], now: NOW });
    expect(none.sites).toEqual([]);
    expect(none.network.serviceLevel).toBeNull();
  });
});
