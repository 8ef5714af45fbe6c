// A site lead gets the network's figures only when at least three other sites contribute to
// them: with fewer, the network minus the lead's own site gives another site's figures away.
// Through every procedure and REST route that shows a lead network figures; HQ is never limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { siteDay } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { emptyParts, type KpiParts } from '@/lib/kpi/definitions';
import type { CriterionInput } from '@/lib/qa/form-input';
import { cliActor, type UserPrincipal } from '@/server/auth/principal';
import { createHqRescore, ingestEvaluations } from '@/server/ingest/evaluations';
import { createUserTokenByEmail } from '@/server/keys/service';
import { callerFor, publishNewForm, siteKeyActor } from '@/server/qa/testing';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';
import { makePrincipal, makeSite } from '@/test/fixtures';
import { comparisonToCsv } from './csv';

let h: DbHandle;
let lead: UserPrincipal;
let hq: UserPrincipal;
let leadToken: string;
const site: Record<'TUN' | 'CAS' | 'ALG' | 'DKR', number> = { TUN: 0, CAS: 0, ALG: 0, DKR: 0 };
const NOW = new Date('2026-06-01T10:00:00Z');
const RANGE = { from: '2026-05-04', to: '2026-05-10' };
const as = (principal: UserPrincipal) => callerFor(h.db, principal, NOW);

const CRITERIA: CriterionInput[] = [{ key: 'a', label: 'Language', category: 'language', weight: 1, maxScore: 10, critical: false }];

async function calls(siteId: number, day: string, offered: number) {
  const parts: KpiParts = { ...emptyParts(), calls: offered, inboundCalls: offered, offered, handled: offered, inboundHandled: offered };
  await h.db.insert(siteDay).values({ siteId, day, ...parts, answeredWithinSla: offered / 2, handleSeconds: offered * 300 });
}

/** One evaluation of the site scoring `score` (of 10) on 5 May, re-scored by HQ at `hqScore`. */
async function evaluated(code: keyof typeof site, score: number, hqScore: number) {
  const result = await ingestEvaluations(h.db, {
    siteId: site[code],
    actor: siteKeyActor,
    evaluations: [{ externalId: `${code}-1`, evaluatedAt: '2026-05-05T10:00:00Z', formCode: 'STD', agentRef: 'A', evaluator: 'QA', scores: { a: score } }],
  });
  expect(result.inserted).toBe(1);
  const row = (await as(hq).qa.evaluations.list({ site: code })).rows[0]!;
  await createHqRescore(h.db, { siteId: site[code], siteEvaluationId: row.id, scores: { a: hqScore }, evaluator: 'HQ', actor: cliActor() });
}

async function restKpis(token: string) {
  const req = new Request(`http://vigie.test/api/v1/kpis?from=${RANGE.from}&to=${RANGE.to}`, { headers: { authorization: `Bearer ${token}` } });
  const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null }));
  expect(res.status).toBe(200);
  return (await res.json()) as Parameters<typeof comparisonToCsv>[0];
}

beforeAll(async () => {
  h = await createTestDb();
  for (const code of ['TUN', 'CAS', 'ALG', 'DKR'] as const) site[code] = (await makeSite(h.db, { code })).id;
  lead = await makePrincipal(h.db, 'site_lead', site.TUN);
  hq = await makePrincipal(h.db, 'hq_manager');
  leadToken = (await createUserTokenByEmail(h.db, cliActor(), { email: lead.email, name: 'bi' })).secret;
  await publishNewForm(h.db, 'STD', CRITERIA);
  // Two sites with traffic and evaluations: the lead's own and one other.
  await calls(site.TUN, '2026-05-05', 100);
  await calls(site.CAS, '2026-05-05', 40);
  await evaluated('TUN', 8, 8);
  await evaluated('CAS', 6, 4);
});
afterAll(async () => {
  await h.close();
});

describe('with one other site, a lead', () => {
  it('gets no network figure from the comparison, its previous period or the trend', async () => {
    const comparison = await as(lead).kpi.comparison(RANGE);
    expect(comparison.sites.map((s) => [s.code, s.offered, s.qaEvaluations])).toEqual([['TUN', 100, 1]]);
    expect(comparison.network.withheld).toEqual(['calls', 'qa', 'reports']);
    expect(comparison.network.parts).toEqual(emptyParts());
    expect(comparison.network).toMatchObject({ offered: 0, serviceLevel: null, ahtSeconds: null, qaScore: null, qaEvaluations: 0 });
    expect(comparison.network.reports).toMatchObject({ expectedDays: 0, compliance: null });
    const trend = await as(lead).kpi.trend(RANGE);
    expect(trend.network.every((p) => p.offered === 0 && p.serviceLevel === null && p.qaScore === null)).toBe(true);
    // HQ reads the whole network.
    const all = await as(hq).kpi.comparison(RANGE);
    expect(all.network).toMatchObject({ offered: 140, qaEvaluations: 2, withheld: [] });
  });

  it('gets null network counts and figures over REST and in the CSV', async () => {
    const answer = await restKpis(leadToken);
    expect(answer.sites.map((s) => [s.code, s.offered])).toEqual([['TUN', 100]]);
    // Every network figure, counts included, is null: none is Casablanca's.
    expect(answer.network).toMatchObject({ offered: null, handled: null, csatResponses: null, serviceLevel: null, qaScore: null, qaEvaluations: null });
    expect(Object.entries(answer.network).filter(([, v]) => v !== null)).toEqual([]);
    const networkLine = comparisonToCsv(answer).split('\r\n').find((l) => l.startsWith('network'))!;
    expect(networkLine.startsWith(`network,,,${RANGE.from},${RANGE.to},`)).toBe(true);
    expect(networkLine.split(',').slice(5).filter((cell) => cell !== '')).toEqual([]);
  });

  it('gets no network QA, category or calibration figure', async () => {
    const qa = await as(lead).qa.trends(RANGE);
    expect(qa.networkTotal).toEqual({ score: null, evaluations: 0 });
    expect(qa.network.every((p) => p.score === null)).toBe(true);
    expect(qa.sites[0]).toMatchObject({ code: 'TUN', evaluations: 1, score: 80 });
    const categories = await as(lead).kpi.qaCategories(RANGE);
    expect(categories.network).toEqual([]);
    expect(categories.sites[0]!.categories).toHaveLength(1);
    const calibration = await as(lead).qa.calibrationSummary(RANGE);
    expect(calibration.network).toMatchObject({ pairs: 0, bias: null, spread: null });
    expect(calibration.network.periods.every((p) => p.pairs === 0)).toBe(true);
    expect(calibration.sites[0]).toMatchObject({ code: 'TUN', pairs: 1, bias: 0 });
    // HQ sees Casablanca's +20 in the network gap.
    expect((await as(hq).qa.calibrationSummary(RANGE)).network).toMatchObject({ pairs: 2, bias: 10 });
  });
});

describe('with three other sites contributing, a lead', () => {
  it('gets the call figures once three other sites have calls, and the QA figures only once three have evaluations', async () => {
    await calls(site.ALG, '2026-05-06', 30);
    await calls(site.DKR, '2026-05-07', 30);
    const calling = await as(lead).kpi.comparison(RANGE);
    expect(calling.network.withheld).toEqual(['qa']);
    expect(calling.network).toMatchObject({ offered: 200, serviceLevel: 0.5, qaEvaluations: 0, qaScore: null });
    expect((await restKpis(leadToken)).network).toMatchObject({ offered: 200, qaEvaluations: null, qaScore: null });
    // Each day of the trend is judged by itself: no day had three other sites calling.
    expect((await as(lead).kpi.trend(RANGE)).network.every((p) => p.offered === 0)).toBe(true);

    await evaluated('ALG', 10, 10);
    await evaluated('DKR', 10, 10);
    const full = await as(lead).kpi.comparison(RANGE);
    expect(full.network.withheld).toEqual([]);
    expect(full.network).toMatchObject({ offered: 200, qaEvaluations: 4 });
    expect(full.network.qaScore).toBeCloseTo(85, 9);
    expect((await as(lead).qa.trends(RANGE)).networkTotal).toMatchObject({ evaluations: 4 });
    expect((await as(lead).kpi.qaCategories(RANGE)).network.map((c) => c.category)).toEqual(['language']);
    expect((await as(lead).qa.calibrationSummary(RANGE)).network).toMatchObject({ pairs: 4, bias: 5 });
  });
});
