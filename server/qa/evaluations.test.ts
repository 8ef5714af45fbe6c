import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { callerFor, createQaAccounts, publishNewForm, pushEvaluations, STD_V1, type QaAccounts } from './testing';

let h: DbHandle;
let a: QaAccounts;
const as = (principal?: Parameters<typeof callerFor>[1]) => callerFor(h.db, principal);

const full = { clarity: 5, local_context: 5, identity_check: 1, disclosure: 4, resolution: 10, empathy: 5 };

beforeAll(async () => {
  h = await createTestDb();
  a = await createQaAccounts(h.db);
  await publishNewForm(h.db, 'STD', STD_V1);
  const tun = a.sites.tun.id;
  const dkr = a.sites.dkr.id;
  await pushEvaluations(h.db, tun, [
    // (2×4/5 + 1×1 + 1×2/4 + 3×6/10 + 1×5/5) / 8, local context not applying: 5.9 / 8.
    {
      externalId: 'weighted',
      evaluatedAt: '2026-03-02T09:00:00Z',
      agentRef: 'TUN-007',
      evaluator: 'Samia QA',
      comment: 'Good call',
      scores: { clarity: 4, local_context: null, identity_check: 1, disclosure: 2, resolution: 6, empathy: 5 },
    },
    // disclosure 1.5 of 4 is below half its max: a critical fail makes the evaluation 0.
    {
      externalId: 'critical',
      evaluatedAt: '2026-03-03T09:00:00Z',
      agentRef: 'TUN-007',
      scores: { ...full, disclosure: 1.5 },
    },
    { externalId: 'nothing-applies', evaluatedAt: '2026-03-04T09:00:00Z', agentRef: 'TUN-012', scores: Object.fromEntries(Object.keys(full).map((k) => [k, null])) },
    // 23:30 UTC on 8 March is already 9 March in Tunis (UTC+1): it belongs to the week of the 9th.
    { externalId: 'late', evaluatedAt: '2026-03-08T23:30:00Z', agentRef: 'TUN-012', evaluator: 'Karim QA', scores: full },
    { externalId: 'week-2', evaluatedAt: '2026-03-10T10:00:00Z', agentRef: 'TUN-012', scores: { ...full, empathy: 0 } },
  ]);
  await pushEvaluations(h.db, dkr, [{ externalId: 'dkr-1', evaluatedAt: '2026-03-05T09:00:00Z', agentRef: 'DKR-001', scores: full }]);
});
afterAll(async () => {
  await h.close();
});

async function idOf(callExternalId: string, site = 'TUN') {
  const page = await as(a.principals.hq).qa.evaluations.list({ site, pageSize: 100 });
  const row = page.rows.find((r) => r.callExternalId === callExternalId);
  if (!row) throw new Error(`No evaluation ${callExternalId}`);
  return row.id;
}

describe('scoring through the service', () => {
  it('weighs each criterion, leaves out those that do not apply, and zeroes a critical fail', async () => {
    const page = await as(a.principals.hq).qa.evaluations.list({ site: 'TUN' });
    const byCall = new Map(page.rows.map((r) => [r.callExternalId, r]));
    expect(byCall.get('call-weighted')?.score).toBeCloseTo((100 * 5.9) / 8, 9);
    expect(byCall.get('call-weighted')?.criticalFailed).toBe(false);
    expect(byCall.get('call-critical')).toMatchObject({ score: 0, criticalFailed: true });
    expect(byCall.get('call-nothing-applies')).toMatchObject({ score: null, criticalFailed: false });
    expect(byCall.get('call-late')?.score).toBe(100);
  });

  it('shows one evaluation by category, in the form’s order, with critical fails flagged', async () => {
    const detail = await as(a.principals.hq).qa.evaluations.get({ site: 'TUN', id: await idOf('call-critical') });
    expect(detail.categories.map((c) => c.category)).toEqual(['language', 'culture', 'compliance', 'resolution', 'soft_skills']);
    const compliance = detail.categories.find((c) => c.category === 'compliance')!;
    expect(compliance.criteria.map((l) => [l.key, l.site, l.critical, l.siteCriticalFail])).toEqual([
      ['identity_check', 1, true, false],
      ['disclosure', 1.5, true, true],
    ]);
    // (1/1 + 1.5/4) / 2 as a percentage.
    expect(compliance.sitePercent).toBeCloseTo(68.75, 9);
    expect(detail.evaluation).toMatchObject({ score: 0, criticalFailed: true });
    expect(detail.hq).toBeNull();
    expect(detail.form).toMatchObject({ code: 'STD', version: 1, status: 'published' });

    const weighted = await as(a.principals.hq).qa.evaluations.get({ site: 'TUN', id: await idOf('call-weighted') });
    const culture = weighted.categories.find((c) => c.category === 'culture')!;
    expect(culture.criteria[0]).toMatchObject({ key: 'local_context', site: null, siteCriticalFail: false });
    expect(culture.sitePercent).toBeNull();
    expect(weighted.evaluation).toMatchObject({ agentRef: 'TUN-007', evaluator: 'Samia QA', comment: 'Good call', day: '2026-03-02' });
  });
});

describe('qa.evaluations.list', () => {
  it('filters by site, agent, evaluator, form and site-local period, newest first', async () => {
    const hq = as(a.principals.hq);
    const all = await hq.qa.evaluations.list({});
    expect(all.total).toBe(6);
    expect(all.rows.map((r) => r.callExternalId)).toEqual([
      'call-week-2',
      'call-late',
      'call-dkr-1',
      'call-nothing-applies',
      'call-critical',
      'call-weighted',
    ]);
    expect((await hq.qa.evaluations.list({ agent: 'tun-0' })).total).toBe(5);
    expect((await hq.qa.evaluations.list({ agent: 'TUN-007' })).rows.map((r) => r.callExternalId)).toEqual(['call-critical', 'call-weighted']);
    expect((await hq.qa.evaluations.list({ evaluator: 'karim' })).rows.map((r) => r.callExternalId)).toEqual(['call-late']);
    expect((await hq.qa.evaluations.list({ form: 'std' })).total).toBe(6);
    expect((await hq.qa.evaluations.list({ form: 'OTHER' })).total).toBe(0);
    expect((await hq.qa.evaluations.list({ site: 'DKR' })).rows.map((r) => r.site.code)).toEqual(['DKR']);
    // The 9th in Tunis includes 23:30 UTC on the 8th.
    const ninth = await hq.qa.evaluations.list({ site: 'TUN', from: '2026-03-09', to: '2026-03-09' });
    expect(ninth.rows.map((r) => [r.callExternalId, r.day])).toEqual([['call-late', '2026-03-09']]);
    // A wildcard in the search is taken literally.
    expect((await hq.qa.evaluations.list({ agent: '%' })).total).toBe(0);
  });

  it('pages through at most 100 rows at a time', async () => {
    const hq = as(a.principals.hq);
    const first = await hq.qa.evaluations.list({ pageSize: 4 });
    const second = await hq.qa.evaluations.list({ pageSize: 4, page: 2 });
    expect([first.total, first.pages, first.rows.length, second.rows.length]).toEqual([6, 2, 4, 2]);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(6);
    await expect(hq.qa.evaluations.list({ pageSize: 101 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(hq.qa.evaluations.list({ from: '2026-03-10', to: '2026-03-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('gives a site lead their own site only', async () => {
    const lead = as(a.principals.lead);
    const own = await lead.qa.evaluations.list({});
    expect(new Set(own.rows.map((r) => r.site.code))).toEqual(new Set(['TUN']));
    expect(own.total).toBe(5);
    await expect(lead.qa.evaluations.list({ site: 'DKR' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const dkrId = await idOf('call-dkr-1', 'DKR');
    await expect(lead.qa.evaluations.get({ site: 'DKR', id: dkrId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Naming the lead's own site with another site's evaluation id finds nothing either.
    await expect(lead.qa.evaluations.get({ site: 'TUN', id: dkrId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const filters = await lead.qa.evaluations.filters();
    expect(filters.sites.map((s) => s.code)).toEqual(['TUN']);
    expect(filters.forms).toEqual(['STD']);
  });

  it('refuses anonymous callers and site keys', async () => {
    await expect(as().qa.evaluations.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.siteKey).qa.evaluations.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as().qa.evaluations.get({ site: 'TUN', id: 1 })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.siteKey).qa.trends({ from: '2026-03-01', to: '2026-03-15' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('qa.trends', () => {
  it('gives weekly QA per site and for the network, and per category, from Monday to Sunday in site-local days', async () => {
    const trends = await as(a.principals.hq).qa.trends({ from: '2026-03-02', to: '2026-03-15', sites: 'TUN' });
    expect(trends.weeks).toEqual(['2026-03-02', '2026-03-09']);
    const tun = trends.sites[0]!;
    expect(tun.code).toBe('TUN');
    // Week 1: 73.75, 0 and one without a score; week 2: 100 (the 9th in Tunis) and 8/9 × 100.
    expect(tun.points.map((p) => p.evaluations)).toEqual([3, 2]);
    expect(tun.points[0]!.score).toBeCloseTo(((100 * 5.9) / 8 + 0) / 2, 9);
    expect(tun.points[1]!.score).toBeCloseTo((100 + (100 * 8) / 9) / 2, 9);
    expect(tun.evaluations).toBe(5);
    // The network is the sites asked for (as in the KPIs); with none named, every active site.
    expect(trends.network).toEqual(tun.points);
    const everywhere = await as(a.principals.hq).qa.trends({ from: '2026-03-02', to: '2026-03-15' });
    expect(everywhere.sites.map((s) => s.code)).toEqual(['DKR', 'TUN']);
    expect(everywhere.network[0]!.score).toBeCloseTo(((100 * 5.9) / 8 + 0 + 100) / 3, 9);
    expect(everywhere.network.map((p) => p.evaluations)).toEqual([4, 2]);
    expect(everywhere.networkTotal.evaluations).toBe(6);
    expect(everywhere.networkTotal.score).toBeCloseTo(((100 * 5.9) / 8 + 0 + 100 + 100 + (100 * 8) / 9) / 5, 9);

    const softSkills = trends.categories.find((c) => c.category === 'soft_skills')!;
    // Empathy: 5, 5 in week 1; 5, 0 in week 2 (as percentages of 5).
    expect(softSkills.points.map((p) => p.percent)).toEqual([100, 50]);
    expect(softSkills.percent).toBe(75);
    const culture = trends.categories.find((c) => c.category === 'culture')!;
    expect(culture.scores).toBe(3); // the "does not apply" scores are left out
  });

  it('shows a site lead their own site and the network, never another site', async () => {
    const lead = as(a.principals.lead);
    const trends = await lead.qa.trends({ from: '2026-03-02', to: '2026-03-15' });
    expect(trends.sites.map((s) => s.code)).toEqual(['TUN']);
    // With one other site, the network minus Tunis would be Dakar: withheld (server/kpi/lead-network.ts).
    expect(trends.network.map((p) => p.evaluations)).toEqual([0, 0]);
    expect(trends.networkTotal).toEqual({ score: null, evaluations: 0 });
    await expect(lead.qa.trends({ from: '2026-03-02', to: '2026-03-15', sites: ['DKR'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
