// The blind re-score stays blind: while a drawn evaluation waits for HQ's re-score, nothing HQ
// reads (comparison and its parts, REST KPIs and CSV, daily trends, category bars, QA trends,
// the evaluation list) lets HQ work out the site's score of it; the site's lead still sees every
// evaluation counted. The first re-score is final.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { createUserTokenByEmail } from '@/server/keys/service';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';
import { trpcCode } from '@/test/fixtures';
import type { CriterionInput } from '@/lib/qa/form-input';
import { callerFor, createQaAccounts, publishNewForm, pushEvaluations, type QaAccounts } from './testing';

let h: DbHandle;
let a: QaAccounts;
let hqToken: string;
const as = (principal?: Parameters<typeof callerFor>[1]) => callerFor(h.db, principal);

const CRITERIA: CriterionInput[] = [
  { key: 'a', label: 'Language', category: 'language', weight: 1, maxScore: 10, critical: false },
  { key: 'b', label: 'Culture', category: 'culture', weight: 1, maxScore: 10, critical: false },
];
const DAY = { from: '2026-03-02', to: '2026-03-02' };
// Two evaluations of one site-local day: 90 and 40. One is drawn; HQ must not learn its score.
const SCORES: Record<string, number> = { x1: 90, x2: 40 };
let drawnId = 0;
let drawnScore = 0;
let visibleScore = 0;

async function restKpis(query: string) {
  const req = new Request(`http://vigie.test/api/v1/kpis?${query}`, { headers: { authorization: `Bearer ${hqToken}` } });
  const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null }));
  return { status: res.status, json: (await res.json()) as { sites: { code: string; qaScore: number | null; qaEvaluations: number }[] } };
}

beforeAll(async () => {
  h = await createTestDb();
  a = await createQaAccounts(h.db);
  await publishNewForm(h.db, 'STD', CRITERIA);
  await pushEvaluations(h.db, a.sites.tun.id, [
    { externalId: 'x1', evaluatedAt: '2026-03-02T09:00:00+01:00', scores: { a: 9, b: 9 } },
    { externalId: 'x2', evaluatedAt: '2026-03-02T15:00:00+01:00', scores: { a: 4, b: 4 } },
  ]);
  hqToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'hq@x.test', name: 'bi' })).secret;
  const hq = as(a.principals.hq);
  const drawn = await hq.qa.calibration.draw({ site: 'TUN', ...DAY, size: 1 });
  const [item] = (await hq.qa.calibration.worklist({ site: 'TUN', id: drawn.id })).items;
  drawnId = item!.evaluationId;
  const rows = (await as(a.principals.lead).qa.evaluations.list({ site: 'TUN' })).rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  drawnScore = SCORES[byId.get(drawnId)!.callExternalId!.replace('call-', '')]!;
  visibleScore = drawnScore === 90 ? 40 : 90;
});
afterAll(async () => {
  await h.close();
});

describe('while a drawn evaluation waits for its blind re-score', () => {
  it('leaves it out of every QA figure HQ reads, so that no sum gives its score away', async () => {
    for (const principal of [a.principals.hq, a.principals.admin]) {
      const caller = as(principal);
      const comparison = await caller.kpi.comparison({ ...DAY, sites: 'TUN' });
      const tun = comparison.sites[0]!;
      expect(tun.parts).toMatchObject({ qaEvaluations: 1, qaScoredEvaluations: 1 });
      expect(tun.parts.qaScoreSum).toBeCloseTo(visibleScore, 9);
      expect(tun.qaScore).toBeCloseTo(visibleScore, 9);
      expect(comparison.network.parts.qaScoreSum).toBeCloseTo(visibleScore, 9);
      // The day after: the previous period of that range holds the drawn day.
      const next = await caller.kpi.comparison({ from: '2026-03-03', to: '2026-03-03', sites: 'TUN' });
      expect(next.sites[0]!.before).toMatchObject({ qaEvaluations: 1 });

      const compare = await caller.kpi.compare({ ...DAY, site: 'TUN' });
      expect(compare.sites[0]).toMatchObject({ qaEvaluations: 1 });
      expect(compare.sites[0]!.qaScore).toBeCloseTo(visibleScore, 9);

      const trend = await caller.kpi.trend({ ...DAY, sites: 'TUN' });
      expect(trend.sites[0]!.points[0]).toMatchObject({ qaEvaluations: 1 });
      expect(trend.sites[0]!.points[0]!.qaScore).toBeCloseTo(visibleScore, 9);

      const categories = await caller.kpi.qaCategories({ ...DAY, sites: 'TUN' });
      for (const c of categories.sites[0]!.categories) {
        expect(c).toMatchObject({ evaluations: 1, scores: 1 });
        expect(c.meanPercent).toBeCloseTo(visibleScore, 9);
      }

      const qaTrends = await caller.qa.trends({ from: '2026-03-01', to: '2026-03-31', sites: 'TUN' });
      expect(qaTrends.sites[0]).toMatchObject({ evaluations: 1 });
      expect(qaTrends.sites[0]!.score).toBeCloseTo(visibleScore, 9);
      expect(qaTrends.networkTotal.score).toBeCloseTo(visibleScore, 9);
      expect(qaTrends.categories.map((c) => [c.category, c.scores])).toEqual([
        ['language', 1],
        ['culture', 1],
      ]);

      const list = await caller.qa.evaluations.list({ site: 'TUN' });
      expect(list.rows.find((r) => r.id === drawnId)).toMatchObject({ score: null, scoreHidden: true, criticalFailed: false });
    }
  });

  it('leaves it out of the REST KPIs for an HQ token (the CSV is the same procedure)', async () => {
    const answer = await restKpis('from=2026-03-02&to=2026-03-02&site=TUN');
    expect(answer.status).toBe(200);
    expect(answer.json.sites[0]).toMatchObject({ code: 'TUN', qaEvaluations: 1 });
    expect(answer.json.sites[0]!.qaScore).toBeCloseTo(visibleScore, 9);
  });

  it('keeps counting it for the site’s own lead, who is not told what was drawn', async () => {
    const lead = as(a.principals.lead);
    const comparison = await lead.kpi.comparison(DAY);
    expect(comparison.sites[0]!.parts).toMatchObject({ qaEvaluations: 2, qaScoredEvaluations: 2 });
    expect(comparison.sites[0]!.qaScore).toBeCloseTo(65, 9);
    const trend = await lead.qa.trends({ from: '2026-03-01', to: '2026-03-31' });
    expect(trend.sites[0]).toMatchObject({ evaluations: 2 });
    const list = await lead.qa.evaluations.list({ site: 'TUN' });
    expect(list.rows.map((r) => [r.awaitingRescore, r.scoreHidden])).toEqual([
      [false, false],
      [false, false],
    ]);
    const detail = await lead.qa.evaluations.get({ site: 'TUN', id: drawnId });
    expect(detail).toMatchObject({ awaitingRescore: false, scoresHidden: false });
    expect(detail.evaluation.score).toBeCloseTo(drawnScore, 9);
  });
});

describe('the blind re-score', () => {
  it('is final once submitted: a second one is refused, and the figures count the evaluation again', async () => {
    const hq = as(a.principals.hq);
    const first = await hq.qa.calibration.rescore({ site: 'TUN', id: drawnId, scores: { a: 5, b: 5 } });
    expect(first).toMatchObject({ inserted: true, score: 50 });
    // Now the site's score is in plain view beside HQ's…
    const detail = await hq.qa.evaluations.get({ site: 'TUN', id: drawnId });
    expect(detail.evaluation.score).toBeCloseTo(drawnScore, 9);
    // …so a second re-score would not be blind.
    expect(await trpcCode(() => hq.qa.calibration.rescore({ site: 'TUN', id: drawnId, scores: { a: 9, b: 9 } }))).toBe('CONFLICT');
    expect(await trpcCode(() => as(a.principals.admin).qa.calibration.rescore({ site: 'TUN', id: drawnId, scores: { a: 9, b: 9 } }))).toBe(
      'CONFLICT',
    );
    expect(await as(a.principals.hq).qa.calibration.task({ site: 'TUN', id: drawnId })).toMatchObject({ done: true, locked: true });
    const summary = await hq.qa.calibrationSummary({ from: '2026-03-01', to: '2026-03-31', sites: 'TUN' });
    expect(summary.sites[0]!.hqMean).toBeCloseTo(50, 9);

    const comparison = await hq.kpi.comparison({ ...DAY, sites: 'TUN' });
    expect(comparison.sites[0]!.parts).toMatchObject({ qaEvaluations: 2 });
    expect(comparison.sites[0]!.qaScore).toBeCloseTo(65, 9);
  });
});
