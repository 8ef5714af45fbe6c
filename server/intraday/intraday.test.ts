// The 15-minute interval rollup (site_interval) and the intraday view, on a real database (PGlite,
// and PostgreSQL with TEST_DATABASE_URL): a day's intervals always sum to its site_day row through
// any sequence of pushes (records moved to another day or interval included, across the changes
// of UTC offset of Paris and Casablanca in 2026); GET /api/v1/intraday and `intraday.day` list
// every interval of each site's local day, for whom they may.
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { dayIntervals } from '@/db/queries/ingest/rollups';
import { localDayOf } from '@/db/local-time';
import { callRecords, siteDay, siteInterval, sites } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor, type Actor, type Principal } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { CALL_SUM_KEYS } from '@/server/ingest/rollup-reference';
import { createSiteKey, createUserTokenByEmail } from '@/server/keys/service';
import { handleRest } from '@/server/rest/handler';
import { createInnerContext } from '@/server/trpc/init';
import { contextFromRequest } from '@/server/trpc/request-context';
import { createCaller } from '@/server/trpc/root';
import { makePrincipal, makeSite, makeUser, siteKeyPrincipal, trpcCode } from '@/test/fixtures';

let h: DbHandle;
const actor: Actor = { actorType: 'site_key', actorId: null, actorLabel: 'intraday test' };
const MINUTE = 60_000;
const INTERVAL = 15 * MINUTE;

beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const round = (n: number) => Math.round(n * 1e6) / 1e6;

type Sums = Record<string, number>;
function sumsOf(row: Record<string, unknown>): Sums {
  return Object.fromEntries(CALL_SUM_KEYS.map((k) => [k, Number(row[camel(k)])]));
}
function add(a: Sums | undefined, b: Sums): Sums {
  return Object.fromEntries(CALL_SUM_KEYS.map((k) => [k, (a?.[k] ?? 0) + b[k]!]));
}
const rounded = (s: Sums) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v)]));

/**
 * Holds the invariants of a site's intervals: each day's intervals sum to its site_day row (and no
 * interval outside a day with calls), each interval starts on the 15-minute grid of its local day,
 * and each stored call counts in the interval its start falls in (computed here apart).
 */
async function expectIntervalsAgree(siteId: number, timezone: string) {
  const days = new Map<string, Sums>();
  for (const row of await h.db.select().from(siteDay).where(eq(siteDay.siteId, siteId))) {
    if (row.calls > 0) days.set(row.day, rounded(sumsOf(row)));
  }
  const intervals = await h.db.select().from(siteInterval).where(eq(siteInterval.siteId, siteId));
  const summed = new Map<string, Sums>();
  const callsPerInterval = new Map<string, number>();
  for (const row of intervals) {
    summed.set(row.day, add(summed.get(row.day), sumsOf(row)));
    callsPerInterval.set(`${row.day} ${row.startsAt.toISOString()}`, row.calls);
    const { start, count } = dayIntervals(row.day, timezone);
    const index = (row.startsAt.getTime() - start.getTime()) / INTERVAL;
    expect(Number.isInteger(index) && index >= 0 && index < count, `${row.day} ${row.startsAt.toISOString()}`).toBe(true);
  }
  expect(new Map([...summed].map(([d, s]) => [d, rounded(s)]))).toEqual(days);

  const expected = new Map<string, number>();
  for (const c of await h.db.select().from(callRecords).where(eq(callRecords.siteId, siteId))) {
    expect(c.localDay).toBe(localDayOf(c.startedAt, timezone));
    const { start } = dayIntervals(c.localDay, timezone);
    const at = new Date(start.getTime() + Math.floor((c.startedAt.getTime() - start.getTime()) / INTERVAL) * INTERVAL);
    const key = `${c.localDay} ${at.toISOString()}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  expect(callsPerInterval).toEqual(expected);
}

describe('site_interval', () => {
  it('has 96 intervals a day, 92 or 100 on the days Paris and Casablanca change their UTC offset', () => {
    expect(dayIntervals('2026-03-28', 'Europe/Paris')).toEqual({ start: new Date('2026-03-27T23:00:00Z'), count: 96 });
    expect(dayIntervals('2026-03-29', 'Europe/Paris')).toEqual({ start: new Date('2026-03-28T23:00:00Z'), count: 92 });
    expect(dayIntervals('2026-10-25', 'Europe/Paris')).toEqual({ start: new Date('2026-10-24T22:00:00Z'), count: 100 });
    // tz 2026c: Casablanca leaves UTC+1 for UTC+0 on 20 September 2026, for good.
    expect(dayIntervals('2026-09-20', 'Africa/Casablanca')).toEqual({ start: new Date('2026-09-19T23:00:00Z'), count: 100 });
    expect(dayIntervals('2026-09-21', 'Africa/Casablanca')).toEqual({ start: new Date('2026-09-21T00:00:00Z'), count: 96 });
  });

  it("always sums to site_day over random pushes, updates that move calls to another day or interval included, across Paris's and Casablanca's offset changes", async () => {
    // Instants near the 2026 changes: Paris's spring and autumn, Casablanca's 20 September, its
    // Ramadan months; on the quarter-hour, a second either side of it, or anywhere.
    const centres = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-09-20T02:00:00Z', '2026-02-15T02:00:00Z', '2026-03-22T02:00:00Z'].map(
      Date.parse,
    );
    const startedAt = fc
      .tuple(fc.constantFrom(...centres), fc.integer({ min: -160, max: 160 }), fc.constantFrom(0, 1000, -1000, 7 * MINUTE + 13_000))
      .map(([c, quarters, nudge]) => new Date(c + quarters * INTERVAL + nudge).toISOString());
    const record = fc.record({
      externalId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      startedAt,
      direction: fc.constantFrom('inbound', 'outbound'),
      queue: fc.constantFrom('billing', 'sales'),
      waitSeconds: fc.integer({ min: 0, max: 90 }),
      talkSeconds: fc.double({ min: 0, max: 900, noNaN: true }),
      holdSeconds: fc.integer({ min: 0, max: 60 }),
      wrapSeconds: fc.integer({ min: 0, max: 60 }),
      abandoned: fc.boolean(),
      resolved: fc.option(fc.boolean(), { nil: null }),
      csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    });
    const push = fc.uniqueArray(record, { selector: (r) => r.externalId, minLength: 1, maxLength: 8 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(push, { minLength: 1, maxLength: 4 }), fc.constantFrom('Europe/Paris', 'Africa/Casablanca'), async (pushes, timezone) => {
        const code = `IV${[26 * 26, 26, 1].map((d) => String.fromCharCode(65 + (Math.floor(run / d) % 26))).join('')}`;
        run++;
        const [site] = await h.db.insert(sites).values({ code, name: code, country: 'FR', timezone, slaSeconds: 20 }).returning();
        for (const records of pushes) {
          await ingestCalls(h.db, { siteId: site!.id, records, actor });
          await expectIntervalsAgree(site!.id, timezone);
        }
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});

describe('GET /api/v1/intraday and intraday.day', () => {
  const tokens: Record<string, string> = {};
  let lyoKey = '';
  const lyo = { id: 0 };
  const agd = { id: 0 };

  beforeAll(async () => {
    lyo.id = (await makeSite(h.db, { code: 'LYO', timezone: 'Europe/Paris', country: 'FR', slaSeconds: 20 })).id;
    agd.id = (await makeSite(h.db, { code: 'AGD', timezone: 'Africa/Casablanca', country: 'MA', slaSeconds: 20 })).id;
    await makeUser(h.db, 'hq_manager', { email: 'hq@intraday.test' });
    await makeUser(h.db, 'site_lead', { email: 'lead.lyo@intraday.test', siteId: lyo.id });
    tokens.hq = (await createUserTokenByEmail(h.db, cliActor(), { email: 'hq@intraday.test', name: 'wallboard' })).secret;
    tokens.lead = (await createUserTokenByEmail(h.db, cliActor(), { email: 'lead.lyo@intraday.test', name: 'wallboard' })).secret;
    lyoKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'LYO', name: 'pbx' })).secret;
    const call = (externalId: string, startedAt: string, extra: Record<string, unknown> = {}) => ({
      externalId,
      startedAt,
      direction: 'inbound',
      queue: 'billing',
      waitSeconds: 10,
      talkSeconds: 200,
      holdSeconds: 0,
      wrapSeconds: 40,
      abandoned: false,
      ...extra,
    });
    // Paris falls back on 25 October 2026: 02:10 comes twice, first in summer time (00:10Z), then
    // in winter time (01:10Z): two intervals an hour apart.
    await ingestCalls(h.db, {
      siteId: lyo.id,
      actor,
      records: [
        call('l1', '2026-10-25T02:10:00+02:00'),
        call('l2', '2026-10-25T02:10:00+01:00', { waitSeconds: 30 }),
        call('l3', '2026-10-25T02:14:59+01:00', { abandoned: true, talkSeconds: 0, wrapSeconds: 0, waitSeconds: 50 }),
        call('l4', '2026-10-24T23:59:59+02:00'),
      ],
    });
    await ingestCalls(h.db, { siteId: agd.id, actor, records: [call('c1', '2026-10-25T08:00:00Z')] });
  });

  async function rest(path: string, secret?: string) {
    const req = new Request(`http://vigie.test/api/v1${path}`, { headers: secret ? { authorization: `Bearer ${secret}` } : {} });
    const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null }));
    return { status: res.status, json: (await res.json()) as Record<string, unknown> & { sites: { code: string; intervals: Record<string, unknown>[] }[] } };
  }
  const caller = (principal?: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal }));

  it('lists every interval of the site-local day, zeros where no call started, with the ratios of the KPI definitions', async () => {
    const { status, json } = await rest('/intraday?date=2026-10-25&site=LYO', tokens.hq);
    expect(status).toBe(200);
    expect(json.date).toBe('2026-10-25');
    expect(json.intervalMinutes).toBe(15);
    expect(json.sites.map((s) => s.code)).toEqual(['LYO']);
    const intervals = json.sites[0]!.intervals;
    expect(intervals).toHaveLength(100);
    expect(intervals[0]!.start).toBe('2026-10-24T22:00:00.000Z');
    expect(intervals[99]!.start).toBe('2026-10-25T22:45:00.000Z');
    const at = (start: string) => intervals.find((i) => i.start === start);
    expect(at('2026-10-25T00:00:00.000Z')).toEqual({ start: '2026-10-25T00:00:00.000Z', offered: 1, handled: 1, abandoned: 0, serviceLevel: 1, ahtSeconds: 240, asaSeconds: 10 });
    expect(at('2026-10-25T01:00:00.000Z')).toEqual({ start: '2026-10-25T01:00:00.000Z', offered: 2, handled: 1, abandoned: 1, serviceLevel: 0, ahtSeconds: 240, asaSeconds: 30 });
    expect(at('2026-10-24T22:00:00.000Z')).toEqual({ start: '2026-10-24T22:00:00.000Z', offered: 0, handled: 0, abandoned: 0, serviceLevel: null, ahtSeconds: null, asaSeconds: null });
    // The day before holds its last second's call, not this day.
    expect(intervals.reduce((n, i) => n + (i.offered as number), 0)).toBe(3);
    const previous = await rest('/intraday?date=2026-10-24&site=LYO', tokens.hq);
    expect(previous.json.sites[0]!.intervals).toHaveLength(96);
    expect(previous.json.sites[0]!.intervals[95]).toMatchObject({ start: '2026-10-24T21:45:00.000Z', offered: 1 });
  });

  it('gives HQ every active site, each on its own local day, and the app the same answer as the REST API', async () => {
    const { json } = await rest('/intraday?date=2026-10-25', tokens.hq);
    const codes = json.sites.map((s) => s.code);
    expect(codes).toEqual(expect.arrayContaining(['AGD', 'LYO']));
    const agdDay = json.sites.find((s) => s.code === 'AGD')!.intervals;
    expect(agdDay).toHaveLength(96);
    expect(agdDay[0]!.start).toBe('2026-10-25T00:00:00.000Z');
    expect(agdDay[32]).toMatchObject({ start: '2026-10-25T08:00:00.000Z', offered: 1 });
    const hq = await makePrincipal(h.db, 'hq_manager');
    expect(await caller(hq).intraday.day({ date: '2026-10-25', site: ['LYO', 'AGD'] })).toEqual({
      ...json,
      sites: json.sites.filter((s) => s.code === 'LYO' || s.code === 'AGD').sort((a, b) => a.code.localeCompare(b.code)),
    });
  });

  it("gives a site lead their own site only: another site's code is refused (403), whether it exists or not", async () => {
    const own = await rest('/intraday?date=2026-10-25', tokens.lead);
    expect(own.status).toBe(200);
    expect(own.json.sites.map((s) => s.code)).toEqual(['LYO']);
    expect((await rest('/intraday?date=2026-10-25&site=AGD', tokens.lead)).status).toBe(403);
    expect((await rest('/intraday?date=2026-10-25&site=QQQ', tokens.lead)).status).toBe(403);
    const lead = await makePrincipal(h.db, 'site_lead', lyo.id);
    expect((await caller(lead).intraday.day({ date: '2026-10-25' })).sites.map((s) => s.code)).toEqual(['LYO']);
    expect(await trpcCode(() => caller(lead).intraday.day({ date: '2026-10-25', site: 'AGD' }))).toBe('FORBIDDEN');
  });

  it('refuses an unknown site code and a date that is not a calendar day with a 400 that says why', async () => {
    const unknown = await rest('/intraday?date=2026-10-25&site=LYO&site=QQQ', tokens.hq);
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toContain('Unknown site code: QQQ');
    for (const query of ['date=2026-02-30', 'date=25-10-2026', 'date=', '']) {
      const bad = await rest(`/intraday?${query}`, tokens.hq);
      expect(bad.status, query).toBe(400);
      expect(JSON.stringify(bad.json), query).toMatch(/date/);
    }
    const hq = await makePrincipal(h.db, 'hq_manager');
    expect(await trpcCode(() => caller(hq).intraday.day({ date: '2026-13-01' }))).toBe('BAD_REQUEST');
  });

  it('is refused to a site key (403) and to a caller without a credential (401)', async () => {
    expect((await rest('/intraday?date=2026-10-25', lyoKey)).status).toBe(403);
    expect((await rest('/intraday?date=2026-10-25')).status).toBe(401);
    expect(await trpcCode(() => caller(siteKeyPrincipal(lyo.id)).intraday.day({ date: '2026-10-25' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller().intraday.day({ date: '2026-10-25' }))).toBe('UNAUTHORIZED');
  });
});

describe('site_interval through ingest, kept in step with site_day', () => {
  it('moves a corrected call out of its old interval and day', async () => {
    const site = await makeSite(h.db, { code: 'MVX', timezone: 'Europe/Paris', country: 'FR' });
    const base = { direction: 'inbound', queue: 'q', waitSeconds: 5, talkSeconds: 60, holdSeconds: 0, wrapSeconds: 0, abandoned: false };
    await ingestCalls(h.db, { siteId: site.id, actor, records: [{ ...base, externalId: 'm', startedAt: '2026-03-29T01:59:00+01:00' }] });
    await ingestCalls(h.db, { siteId: site.id, actor, records: [{ ...base, externalId: 'm', startedAt: '2026-03-30T03:00:00+02:00' }] });
    const rows = await h.db.select().from(siteInterval).where(and(eq(siteInterval.siteId, site.id)));
    expect(rows.map((r) => [r.day, r.startsAt.toISOString(), r.calls])).toEqual([['2026-03-30', '2026-03-30T01:00:00.000Z', 1]]);
    await expectIntervalsAgree(site.id, 'Europe/Paris');
  });
});
