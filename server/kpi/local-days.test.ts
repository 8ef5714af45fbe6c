// Site-local days under the current tz rules (2026c), whatever the database server's own tz data
// says (the PostgreSQL server of the tests has Debian's 2025b, which still puts Casablanca on UTC+1
// after 2026-09-20 and Vancouver on UTC−8 after 2026-11-01). Every day is computed at ingest and
// stored; KPIs, QA lists, trends and calibration read the stored day. Figures are by hand.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { callRecords, qaEvaluations } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { createHqRescore } from '@/server/ingest/evaluations';
import { callerFor, createQaAccounts, publishNewForm, pushEvaluations, siteKeyActor, type QaAccounts } from '@/server/qa/testing';
import { makeSite } from '@/test/fixtures';

let h: DbHandle;
let a: QaAccounts;
const site: Record<'CAS' | 'CAB' | 'VAN' | 'PAR', number> = { CAS: 0, CAB: 0, VAN: 0, PAR: 0 };
const hq = () => callerFor(h.db, a.principals.hq, new Date('2026-12-02T15:00:00Z'));

/** An inbound call answered after 10 s whose handle time is its talk time. */
const call = (externalId: string, startedAt: string, talkSeconds: number) => ({
  externalId,
  startedAt,
  direction: 'inbound',
  queue: 'billing',
  waitSeconds: 10,
  talkSeconds,
  holdSeconds: 0,
  wrapSeconds: 0,
  abandoned: false,
});
const both = (n: number) => ({ a: n, b: n });

beforeAll(async () => {
  h = await createTestDb();
  a = await createQaAccounts(h.db);
  site.CAS = (await makeSite(h.db, { code: 'CAS', country: 'MA', timezone: 'Africa/Casablanca' })).id;
  site.CAB = (await makeSite(h.db, { code: 'CAB', country: 'MA', timezone: 'Africa/Casablanca' })).id;
  site.VAN = (await makeSite(h.db, { code: 'VAN', country: 'CA', timezone: 'America/Vancouver' })).id;
  site.PAR = (await makeSite(h.db, { code: 'PAR', country: 'FR', timezone: 'Europe/Paris' })).id;
  await publishNewForm(h.db, 'STD', [
    { key: 'a', label: 'Language', category: 'language', weight: 1, maxScore: 10, critical: false },
    { key: 'b', label: 'Culture', category: 'culture', weight: 1, maxScore: 10, critical: false },
  ]);
  const push = async (siteId: number, records: ReturnType<typeof call>[]) => {
    const result = await ingestCalls(h.db, { siteId, records, actor: siteKeyActor });
    expect(result.rejected).toEqual([]);
  };
  await push(site.CAS, [
    call('c1', '2026-09-19T22:30:00Z', 100), // 23:30 local (UTC+1) on 09-19
    call('c2', '2026-09-19T23:30:00Z', 200), // 00:30 local (UTC+1) on 09-20
    call('c3', '2026-09-20T23:30:00Z', 300), // 23:30 local (UTC+0 from 09-20) on 09-20; UTC+1 would say 09-21
    call('c4', '2026-09-21T00:30:00Z', 400), // 00:30 local on 09-21
    call('c5', '2026-11-26T23:30:00Z', 500), // 23:30 local on 11-26
  ]);
  await push(site.VAN, [
    call('v1', '2026-11-01T06:30:00Z', 100), // 23:30 local (UTC−7) on 10-31
    call('v2', '2026-11-01T09:30:00Z', 200), // 02:30 local on 11-01: no fall back any more
    call('v3', '2026-11-02T06:30:00Z', 300), // 23:30 local on 11-01
    call('v4', '2026-11-02T07:30:00Z', 400), // 00:30 local on 11-02; UTC−8 would say 23:30 on 11-01
  ]);
  await push(site.PAR, [
    call('p1', '2026-03-28T23:30:00Z', 100), // 00:30 (UTC+1) on 03-29, a day of 23 hours
    call('p2', '2026-03-29T21:59:59Z', 200), // 23:59:59 (UTC+2) on 03-29
    call('p3', '2026-03-29T22:00:00Z', 300), // 00:00 on 03-30
    call('p4', '2026-10-24T22:00:00Z', 400), // 00:00 (UTC+2) on 10-25, a day of 25 hours
    call('p5', '2026-10-25T22:59:59Z', 500), // 23:59:59 (UTC+1) on 10-25
    call('p6', '2026-10-25T23:00:00Z', 600), // 00:00 on 10-26
  ]);
  await pushEvaluations(h.db, site.CAS, [
    { externalId: 'e1', evaluatedAt: '2026-11-26T23:30:00Z', scores: both(8) }, // Thursday 11-26
    { externalId: 'e2', evaluatedAt: '2026-11-27T00:30:00Z', scores: both(6) }, // Friday 11-27
    { externalId: 'e3', evaluatedAt: '2026-11-25T23:30:00Z', scores: both(4) }, // Wednesday 11-25
    { externalId: 'e4', evaluatedAt: '2026-11-29T23:30:00Z', scores: both(2) }, // Sunday 11-29, UTC+1 would say Monday
  ]);
  await pushEvaluations(h.db, site.VAN, [{ externalId: 'w1', evaluatedAt: '2026-11-02T07:30:00Z', scores: both(9) }]);
  await pushEvaluations(h.db, site.CAB, [
    { externalId: 'k1', evaluatedAt: '2026-11-26T23:30:00Z', scores: both(9) }, // 11-26
    { externalId: 'k2', evaluatedAt: '2026-11-27T00:30:00Z', scores: both(7) }, // 11-27
  ]);
});
afterAll(async () => {
  await h.close();
});

async function storedDay(table: 'calls' | 'evaluations', siteId: number, externalId: string) {
  const t = table === 'calls' ? callRecords : qaEvaluations;
  const rows = await h.db
    .select({ day: t.localDay })
    .from(t)
    .where(and(eq(t.siteId, siteId), eq(t.externalId, externalId)));
  return rows[0]?.day;
}

describe('the site-local day stored at ingest', () => {
  it('files a Casablanca call and a QA evaluation at 23:30 UTC on 2026-11-26 on 26 November', async () => {
    expect(await storedDay('calls', site.CAS, 'c5')).toBe('2026-11-26');
    expect(await storedDay('evaluations', site.CAS, 'e1')).toBe('2026-11-26');
    expect(await storedDay('calls', site.CAS, 'c3')).toBe('2026-09-20');
    expect(await storedDay('calls', site.VAN, 'v4')).toBe('2026-11-02');
    expect(await storedDay('evaluations', site.VAN, 'w1')).toBe('2026-11-02');
  });

  it('moves a record to its new day when it is sent again with another start, and both days follow', async () => {
    await ingestCalls(h.db, { siteId: site.PAR, records: [call('p7', '2026-06-10T10:00:00Z', 700)], actor: siteKeyActor });
    expect(await storedDay('calls', site.PAR, 'p7')).toBe('2026-06-10');
    const moved = await ingestCalls(h.db, { siteId: site.PAR, records: [call('p7', '2026-06-10T22:30:00Z', 700)], actor: siteKeyActor });
    expect(moved).toMatchObject({ inserted: 0, updated: 1 });
    expect(await storedDay('calls', site.PAR, 'p7')).toBe('2026-06-11');
    const june = (day: string) => hq().kpi.compare({ from: day, to: day, site: 'PAR' });
    expect((await june('2026-06-10')).sites[0]).toMatchObject({ offered: 0, handled: 0 });
    expect((await june('2026-06-11')).sites[0]).toMatchObject({ offered: 1, handled: 1, ahtSeconds: 700 });
  });
});

describe('KPIs over ranges across a change of rules (kpi.compare, REST GET /api/v1/kpis)', () => {
  const kpis = async (code: string, from: string, to: string) => (await hq().kpi.compare({ from, to, site: code })).sites[0];

  it('counts Casablanca’s calls by the day they were made there, before and after 2026-09-20', async () => {
    expect(await kpis('CAS', '2026-09-19', '2026-09-19')).toMatchObject({ offered: 1, handled: 1, ahtSeconds: 100 });
    // c2 (00:30 under UTC+1) and c3 (23:30 under UTC+0): (200 + 300) / 2.
    expect(await kpis('CAS', '2026-09-20', '2026-09-20')).toMatchObject({ offered: 2, handled: 2, ahtSeconds: 250, asaSeconds: 10 });
    expect(await kpis('CAS', '2026-09-21', '2026-09-21')).toMatchObject({ offered: 1, ahtSeconds: 400 });
    expect(await kpis('CAS', '2026-09-20', '2026-09-21')).toMatchObject({ offered: 3, ahtSeconds: 300, serviceLevel: 1 });
    // One call (500 s) and one evaluation (80) on 26 November.
    expect(await kpis('CAS', '2026-11-26', '2026-11-26')).toMatchObject({ offered: 1, ahtSeconds: 500, qaEvaluations: 1, qaScore: 80 });
    expect(await kpis('CAS', '2026-11-27', '2026-11-27')).toMatchObject({ offered: 0, qaEvaluations: 1, qaScore: 60 });
  });

  it('counts Vancouver’s calls on UTC−7 after 2026-11-01', async () => {
    expect(await kpis('VAN', '2026-10-31', '2026-10-31')).toMatchObject({ offered: 1, ahtSeconds: 100 });
    expect(await kpis('VAN', '2026-11-01', '2026-11-01')).toMatchObject({ offered: 2, ahtSeconds: 250 });
    expect(await kpis('VAN', '2026-11-02', '2026-11-02')).toMatchObject({ offered: 1, ahtSeconds: 400, qaEvaluations: 1, qaScore: 90 });
    expect(await kpis('VAN', '2026-10-31', '2026-11-02')).toMatchObject({ offered: 4, ahtSeconds: 250 });
  });

  it('keeps Paris’s days of 23 and 25 hours', async () => {
    expect(await kpis('PAR', '2026-03-29', '2026-03-29')).toMatchObject({ offered: 2, ahtSeconds: 150 });
    expect(await kpis('PAR', '2026-03-30', '2026-03-30')).toMatchObject({ offered: 1, ahtSeconds: 300 });
    expect(await kpis('PAR', '2026-10-25', '2026-10-25')).toMatchObject({ offered: 2, ahtSeconds: 450 });
    expect(await kpis('PAR', '2026-10-26', '2026-10-26')).toMatchObject({ offered: 1, ahtSeconds: 600 });
  });

  it('gives QA per category from the evaluations of the stored days', async () => {
    const categories = async (code: string, from: string, to: string) =>
      (await hq().kpi.qaCategories({ from, to, sites: code })).sites[0]?.categories;
    expect(await categories('CAS', '2026-11-26', '2026-11-26')).toEqual([
      { category: 'culture', meanPercent: 80, scores: 1, evaluations: 1 },
      { category: 'language', meanPercent: 80, scores: 1, evaluations: 1 },
    ]);
    expect(await categories('VAN', '2026-11-02', '2026-11-02')).toEqual([
      { category: 'culture', meanPercent: 90, scores: 1, evaluations: 1 },
      { category: 'language', meanPercent: 90, scores: 1, evaluations: 1 },
    ]);
    expect(await categories('VAN', '2026-11-01', '2026-11-01')).toEqual([]);
  });
});

describe('QA reads filtered by from/to pick evaluations by their stored day', () => {
  it('lists Casablanca’s evaluations of 26 November, each with its day', async () => {
    const list = await hq().qa.evaluations.list({ site: 'CAS', from: '2026-11-26', to: '2026-11-26' });
    expect(list.rows.map((r) => [r.callExternalId, r.day])).toEqual([['call-e1', '2026-11-26']]);
    const week = await hq().qa.evaluations.list({ site: 'CAS', from: '2026-11-23', to: '2026-11-29' });
    expect(week.rows.map((r) => r.day)).toEqual(['2026-11-29', '2026-11-27', '2026-11-26', '2026-11-25']);
    const detail = await hq().qa.evaluations.get({ site: 'CAS', id: list.rows[0]!.id });
    expect(detail.evaluation.day).toBe('2026-11-26');
  });

  it('buckets weekly trends by the stored day: Sunday 11-29 in its week', async () => {
    const trends = await hq().qa.trends({ from: '2026-11-23', to: '2026-12-06', sites: 'CAS' });
    expect(trends.weeks).toEqual(['2026-11-23', '2026-11-30']);
    // (80 + 60 + 40 + 20) / 4 in the week of 23 November, nothing in the next.
    expect(trends.sites[0]!.points).toEqual([
      { week: '2026-11-23', score: 50, evaluations: 4 },
      { week: '2026-11-30', score: null, evaluations: 0 },
    ]);
    const language = trends.categories.find((c) => c.category === 'language')!;
    expect(language.points).toEqual([
      { week: '2026-11-23', percent: 50, scores: 4 },
      { week: '2026-11-30', percent: null, scores: 0 },
    ]);
  });

  it('draws a calibration worklist and computes the gap over the evaluations of the stored days', async () => {
    const drawn = await hq().qa.calibration.draw({ site: 'CAB', from: '2026-11-26', to: '2026-11-26', size: 5 });
    expect(drawn).toMatchObject({ drawn: 1, eligible: 1 });
    const worklist = await hq().qa.calibration.worklist({ site: 'CAB', id: drawn.id });
    expect(worklist.items.map((i) => i.day)).toEqual(['2026-11-26']);
    const [k1] = worklist.items;
    await hq().qa.calibration.rescore({ site: 'CAB', id: k1!.evaluationId, scores: both(7) });
    const k2 = (await hq().qa.evaluations.list({ site: 'CAB', from: '2026-11-27', to: '2026-11-27' })).rows[0]!;
    await createHqRescore(h.db, { siteId: site.CAB, siteEvaluationId: k2.id, scores: both(7), evaluator: 'HQ', actor: cliActor() });

    const summary = async (from: string, to: string) =>
      (await hq().qa.calibrationSummary({ from, to, sites: 'CAB', granularity: 'week' })).sites[0]!;
    // 26 November: site 90, HQ 70.
    expect(await summary('2026-11-26', '2026-11-26')).toMatchObject({ pairs: 1, bias: 20, siteMean: 90, hqMean: 70 });
    expect(await summary('2026-11-27', '2026-11-27')).toMatchObject({ pairs: 1, bias: 0 });
    expect(await summary('2026-11-26', '2026-11-27')).toMatchObject({ pairs: 2, bias: 10 });
  });
});
