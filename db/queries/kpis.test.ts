import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { localDayOf } from '../local-time';
import { qaCriteria, qaEvaluations, qaForms, qaScores, siteDay, siteQueueDay, sites } from '../schema';
import { createTestDb } from '../testing';
import { dailySeries, listSitesForKpis, listTargets, qaByCategory, queueBreakdown, sumSiteDays } from './kpis';
import { recomputeSiteQaDays } from './ingest/rollups';

let h: DbHandle;
let tun = 0;
let dkr = 0;

beforeAll(async () => {
  h = await createTestDb();
  const rows = await h.db
    .insert(sites)
    .values([
      { code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis' },
      { code: 'DKR', name: 'Dakar', country: 'SN', timezone: 'Africa/Dakar' },
    ])
    .returning();
  tun = rows.find((r) => r.code === 'TUN')!.id;
  dkr = rows.find((r) => r.code === 'DKR')!.id;
});
afterAll(async () => {
  await h.close();
});

describe('sumSiteDays and dailySeries', () => {
  beforeAll(async () => {
    await h.db.insert(siteDay).values([
      { siteId: tun, day: '2025-03-10', calls: 3_000_000, offered: 10, handled: 8, handleSeconds: 2400.5, qaScoreSum: 90.25, qaScoredEvaluations: 1 },
      { siteId: tun, day: '2025-03-11', calls: 3_000_000, offered: 20, handled: 12, handleSeconds: 3600.25, qaScoreSum: 70.5, qaScoredEvaluations: 1 },
      { siteId: tun, day: '2025-03-12', calls: 1, offered: 99 },
      { siteId: dkr, day: '2025-03-10', calls: 5, offered: 5, handled: 5, handleSeconds: 1000 },
    ]);
  });

  it('sums each site over the days of the range as plain numbers, on either driver', async () => {
    const rows = await sumSiteDays(h.db, { siteIds: 'all', from: '2025-03-10', to: '2025-03-11' });
    expect(rows.map((r) => r.siteId)).toEqual([tun, dkr].sort((a, b) => a - b));
    const t = rows.find((r) => r.siteId === tun)!;
    // 6 million overflows no int4 sum: the sum is int8, returned as a number.
    expect(t.calls).toBe(6_000_000);
    expect(t.offered).toBe(30);
    expect(t.handled).toBe(20);
    expect(t.handleSeconds).toBeCloseTo(6000.75, 9);
    expect(t.qaScoreSum).toBeCloseTo(160.75, 9);
    for (const value of Object.values(t)) expect(typeof value).toBe('number');
  });

  it('reads only the sites asked for, and nothing for none', async () => {
    const rows = await sumSiteDays(h.db, { siteIds: [dkr], from: '2025-03-01', to: '2025-03-31' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ siteId: dkr, offered: 5, handleSeconds: 1000 });
    expect(await sumSiteDays(h.db, { siteIds: [], from: '2025-03-01', to: '2025-03-31' })).toEqual([]);
  });

  it('gives the parts of each day for trend charts', async () => {
    const rows = await dailySeries(h.db, { siteIds: [tun], from: '2025-03-11', to: '2025-03-12' });
    expect(rows.map((r) => [r.day, r.offered])).toEqual([
      ['2025-03-11', 20],
      ['2025-03-12', 99],
    ]);
    expect(typeof rows[0]!.handleSeconds).toBe('number');
  });
});

describe('queueBreakdown', () => {
  it('sums one site per queue, busiest first', async () => {
    await h.db.insert(siteQueueDay).values([
      { siteId: tun, day: '2025-03-10', queue: 'billing', calls: 10, offered: 10, handled: 9, handleSeconds: 2700 },
      { siteId: tun, day: '2025-03-11', queue: 'billing', calls: 5, offered: 5, handled: 5, handleSeconds: 1500 },
      { siteId: tun, day: '2025-03-10', queue: 'sales', calls: 30, offered: 30, handled: 30, handleSeconds: 6000 },
      { siteId: tun, day: '2025-03-20', queue: 'sales', calls: 100, offered: 100 },
      { siteId: dkr, day: '2025-03-10', queue: 'billing', calls: 70, offered: 70 },
    ]);
    const rows = await queueBreakdown(h.db, { siteId: tun, from: '2025-03-10', to: '2025-03-11' });
    expect(rows.map((r) => [r.queue, r.calls, r.handled, r.handleSeconds])).toEqual([
      ['sales', 30, 30, 6000],
      ['billing', 15, 14, 4200],
    ]);
  });
});

describe('qaByCategory', () => {
  it('averages criterion scores as % of max over site evaluations whose site-local day is in range', async () => {
    const [form] = await h.db.insert(qaForms).values({ code: 'STD', version: 1, name: 'Standard', status: 'published' }).returning();
    const criteria = await h.db
      .insert(qaCriteria)
      .values([
        { formId: form!.id, key: 'greeting_language', label: 'Language', category: 'language', weight: 1, maxScore: 5 },
        { formId: form!.id, key: 'gdpr_notice', label: 'GDPR notice', category: 'compliance', weight: 2, maxScore: 10, critical: true },
      ])
      .returning();
    const language = criteria.find((c) => c.key === 'greeting_language')!.id;
    const compliance = criteria.find((c) => c.key === 'gdpr_notice')!.id;

    const evaluation = async (siteId: number, externalId: string, evaluatedAt: string, scope: 'site' | 'hq' = 'site') => {
      const timezone = siteId === tun ? 'Africa/Tunis' : 'Africa/Dakar';
      const localDay = localDayOf(Date.parse(evaluatedAt), timezone);
      const [row] = await h.db
        .insert(qaEvaluations)
        .values({ siteId, scope, externalId, formId: form!.id, agentRef: 'a1', evaluator: 'qa', evaluatedAt: new Date(evaluatedAt), localDay, score: 50 })
        .returning();
      return row!.id;
    };
    // 23:30 UTC on 9 March is 00:30 on 10 March in Tunis: inside the range.
    const e1 = await evaluation(tun, 'e1', '2025-03-09T23:30:00Z');
    const e2 = await evaluation(tun, 'e2', '2025-03-12T10:00:00Z');
    // 23:30 UTC on 16 March is already 17 March in Tunis: outside.
    const e3 = await evaluation(tun, 'e3', '2025-03-16T23:30:00Z');
    const e4 = await evaluation(tun, 'e4', '2025-03-12T10:00:00Z', 'hq');
    // Dakar is on UTC: 23:30 on 16 March is still the 16th there, inside.
    const e5 = await evaluation(dkr, 'e5', '2025-03-16T23:30:00Z');
    await h.db.insert(qaScores).values([
      { siteId: tun, evaluationId: e1, criterionId: language, score: 4 },
      { siteId: tun, evaluationId: e1, criterionId: compliance, score: 10 },
      { siteId: tun, evaluationId: e2, criterionId: language, score: 3 },
      { siteId: tun, evaluationId: e2, criterionId: compliance, score: null },
      { siteId: tun, evaluationId: e3, criterionId: language, score: 1 },
      { siteId: tun, evaluationId: e4, criterionId: language, score: 5 },
      { siteId: dkr, evaluationId: e5, criterionId: language, score: 5 },
    ]);
    // qaByCategory reads the per-day rollup that ingest keeps: recomputed here as ingest does.
    await recomputeSiteQaDays(h.db, tun, ['2025-03-10', '2025-03-12', '2025-03-17']);
    await recomputeSiteQaDays(h.db, dkr, ['2025-03-16']);

    const rows = await qaByCategory(h.db, { siteIds: [tun], from: '2025-03-10', to: '2025-03-16' });
    // Categories come in the enum's order (language, culture, compliance, …).
    expect(rows).toEqual([
      { siteId: tun, category: 'language', percentSum: 140, scores: 2, evaluations: 2 },
      { siteId: tun, category: 'compliance', percentSum: 100, scores: 1, evaluations: 1 },
    ]);

    const all = await qaByCategory(h.db, { siteIds: 'all', from: '2025-03-10', to: '2025-03-16' });
    expect(all.find((r) => r.siteId === dkr)).toEqual({ siteId: dkr, category: 'language', percentSum: 100, scores: 1, evaluations: 1 });
  });
});

describe('reference reads', () => {
  it('lists sites and targets', async () => {
    expect((await listSitesForKpis(h.db)).map((s) => s.code)).toEqual(['DKR', 'TUN']);
    expect(await listTargets(h.db)).toEqual([]);
  });
});
