import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { dailyReports, kpiTargets, siteFeeds } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { siteScopeOf } from '@/server/auth/principal';
import { DomainError } from '@/server/errors';
import { buildComparison, targetResolver } from './comparison';
import { insertNetwork, leadOf, PREVIOUS, RANGE, hqUser, type FixtureSites } from './test-fixtures';
import { buildTrend } from './trend';
import { failureOf } from '@/test/fixtures';

let h: DbHandle;
let id: FixtureSites;
const hq = siteScopeOf(hqUser);

beforeAll(async () => {
  h = await createTestDb();
  id = await insertNetwork(h.db);
});
afterAll(async () => {
  await h.close();
});

const domainError = (run: () => Promise<unknown>) => failureOf(run, DomainError);

describe('buildComparison for HQ', () => {
  it('lists every active site with its KPIs from the rollup over the range', async () => {
    const c = await buildComparison(h.db, { scope: hq, ...RANGE });
    expect(c.from).toBe(RANGE.from);
    expect(c.to).toBe(RANGE.to);
    expect(c.previous).toEqual(PREVIOUS);
    expect(c.sites.map((s) => s.code)).toEqual(['CAS', 'DKR', 'TUN']);
    const tun = c.sites.find((s) => s.code === 'TUN')!;
    expect(tun).toMatchObject({
      name: 'Tunis Lac',
      country: 'TN',
      kind: 'offshore',
      offered: 200,
      handled: 200,
      abandoned: 10,
      ahtSeconds: 300,
      asaSeconds: 15,
      serviceLevel: 0.8,
      abandonRate: 0.05,
      fcr: 0.75,
      csat: 0.75,
      csatResponses: 80,
      qaScore: 80,
      qaEvaluations: 4,
    });
    expect(tun.csatMean).toBeCloseTo(4.1, 12);
    expect(typeof tun.offered).toBe('number');
    expect(typeof tun.ahtSeconds).toBe('number');
  });

  it('computes the network from summed parts of active sites, not a mean of site ratios', async () => {
    const { network, sites } = await buildComparison(h.db, { scope: hq, ...RANGE });
    expect(network.offered).toBe(250);
    expect(network.serviceLevel).toBeCloseTo(192 / 250, 12);
    expect(network.ahtSeconds).toBe(320);
    expect(network.abandonRate).toBeCloseTo(15 / 250, 12);
    const ratios = sites.map((s) => s.serviceLevel).filter((v): v is number => v !== null);
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    expect(mean).toBeCloseTo(0.72, 12);
    expect(network.serviceLevel).not.toBeCloseTo(mean, 3);
  });

  it('shows a site without data as zero counts and null ratios, never zeros', async () => {
    const { sites } = await buildComparison(h.db, { scope: hq, ...RANGE });
    const dkr = sites.find((s) => s.code === 'DKR')!;
    expect(dkr).toMatchObject({ offered: 0, handled: 0, abandoned: 0, csatResponses: 0, qaEvaluations: 0 });
    for (const key of ['ahtSeconds', 'asaSeconds', 'serviceLevel', 'abandonRate', 'fcr', 'csat', 'csatMean', 'qaScore'] as const) {
      expect(dkr[key], key).toBeNull();
    }
    expect(Object.values(dkr.rag).every((g) => g === null)).toBe(true);
    expect(Object.values(dkr.changes).every((g) => g === null)).toBe(true);
  });

  it('changes against the previous period of equal length', async () => {
    const { sites, network } = await buildComparison(h.db, { scope: hq, ...RANGE });
    const tun = sites.find((s) => s.code === 'TUN')!;
    expect(tun.changes.service_level).toBeCloseTo(0.1, 12);
    expect(tun.changes.aht).toBe(-20);
    // No calls before: nothing to compare, whatever happens now.
    expect(tun.changes.csat).toBeNull();
    expect(sites.find((s) => s.code === 'CAS')!.changes.service_level).toBeNull();
    expect(network.changes.service_level).toBeCloseTo(192 / 250 - 0.7, 12);
    expect(network.changes.aht).toBe(0);
  });

  it('grades against the site override, else the network default', async () => {
    const { sites, network } = await buildComparison(h.db, { scope: hq, ...RANGE });
    const tun = sites.find((s) => s.code === 'TUN')!;
    const cas = sites.find((s) => s.code === 'CAS')!;
    expect(tun.rag.service_level).toBe('green'); // 0.8 ≥ default green 0.8
    expect(tun.rag.aht).toBe('green'); // 300 ≤ 300
    expect(cas.rag.service_level).toBe('green'); // 0.64 ≥ override green 0.6 (red under the default)
    expect(cas.rag.aht).toBe('red'); // 400 > default amber 360 (no override for AHT)
    expect(tun.rag.fcr).toBeNull(); // no target for FCR
    expect(network.rag.service_level).toBe('amber'); // 0.768
    expect(network.rag.aht).toBe('amber'); // 320
  });

  it('filters by site codes, case-insensitively, and sums the network over them', async () => {
    const c = await buildComparison(h.db, { scope: hq, ...RANGE, siteCodes: ['tun'] });
    expect(c.sites.map((s) => s.code)).toEqual(['TUN']);
    expect(c.network.offered).toBe(200);
    expect(c.network.serviceLevel).toBe(0.8);

    const withClosed = await buildComparison(h.db, { scope: hq, ...RANGE, siteCodes: ['OLD', 'CAS'] });
    expect(withClosed.sites.map((s) => s.code)).toEqual(['CAS', 'OLD']);
    expect(withClosed.network.offered).toBe(1050);
  });

  it('rejects an unknown site code and a bad range', async () => {
    const unknown = await domainError(() => buildComparison(h.db, { scope: hq, ...RANGE, siteCodes: ['TUN', 'XYZ'] }));
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(unknown.message).toContain('XYZ');
    const reversed = await domainError(() => buildComparison(h.db, { scope: hq, from: '2025-03-16', to: '2025-03-10' }));
    expect(reversed.code).toBe('BAD_REQUEST');
  });
});

describe('buildComparison for a site lead', () => {
  it('shows their own site and a network over all active sites, without other sites', async () => {
    const c = await buildComparison(h.db, { scope: siteScopeOf(leadOf(id.CAS)), ...RANGE });
    expect(c.sites.map((s) => s.code)).toEqual(['CAS']);
    expect(c.sites[0]).toMatchObject({ offered: 50, serviceLevel: 0.64, ahtSeconds: 400 });
    // Only Tunis contributes besides Casablanca: the network minus Casablanca would be Tunis, so
    // the lead gets no network figure (server/kpi/lead-network.ts; HQ gets 250 offered).
    expect(c.network.withheld).toEqual(['calls', 'qa', 'reports']);
    expect(c.network).toMatchObject({ offered: 0, serviceLevel: null, ahtSeconds: null });
    const text = JSON.stringify(c);
    for (const other of ['TUN', 'Tunis', 'DKR', 'Dakar', 'OLD', 'Closed']) expect(text).not.toContain(other);
  });

  it('accepts their own code as a filter and refuses any other, existing or not', async () => {
    const own = await buildComparison(h.db, { scope: siteScopeOf(leadOf(id.CAS)), ...RANGE, siteCodes: ['CAS'] });
    expect(own.sites.map((s) => s.code)).toEqual(['CAS']);
    expect(own.network.siteCount).toBe(3);
    const other = await domainError(() => buildComparison(h.db, { scope: siteScopeOf(leadOf(id.CAS)), ...RANGE, siteCodes: ['TUN'] }));
    expect(other.code).toBe('FORBIDDEN');
    const missing = await domainError(() => buildComparison(h.db, { scope: siteScopeOf(leadOf(id.CAS)), ...RANGE, siteCodes: ['XYZ'] }));
    expect(missing.code).toBe('FORBIDDEN');
    expect(missing.message).toBe(other.message);
  });

  it('refuses a lead whose account has no site', async () => {
    const e = await domainError(() => buildComparison(h.db, { scope: { all: false, siteId: -1 }, ...RANGE }));
    expect(e.code).toBe('FORBIDDEN');
  });
});

describe('targetResolver', () => {
  it('prefers the site override, falls back to the default, else null', () => {
    const target = targetResolver([
      { siteId: null, metric: 'csat', green: 0.8, amber: 0.7 },
      { siteId: 7, metric: 'csat', green: 0.7, amber: 0.6 },
    ]);
    expect(target(7, 'csat')).toEqual({ green: 0.7, amber: 0.6 });
    expect(target(8, 'csat')).toEqual({ green: 0.8, amber: 0.7 });
    expect(target(null, 'csat')).toEqual({ green: 0.8, amber: 0.7 });
    expect(target(7, 'aht')).toBeNull();
  });
});

describe('buildTrend', () => {
  it('gives one point per day for each site and the network, with null ratios on empty days', async () => {
    const t = await buildTrend(h.db, { scope: hq, ...RANGE });
    expect(t.days).toEqual(['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14', '2025-03-15', '2025-03-16']);
    const tun = t.sites.find((s) => s.code === 'TUN')!;
    expect(tun.points).toHaveLength(7);
    expect(tun.points[0]).toMatchObject({ day: '2025-03-10', offered: 110, ahtSeconds: 300 });
    expect(tun.points[0]!.serviceLevel).toBeCloseTo(90 / 110, 12);
    expect(tun.points[1]).toMatchObject({ day: '2025-03-11', offered: 0, serviceLevel: null, ahtSeconds: null });
    // 11 March: CAS alone among active sites (the closed site is outside the network).
    expect(t.network[1]).toMatchObject({ day: '2025-03-11', offered: 50, serviceLevel: 0.64 });
    expect(t.network[2]).toMatchObject({ offered: 0, serviceLevel: null });
  });

  it('gives a lead their site and the network only', async () => {
    const t = await buildTrend(h.db, { scope: siteScopeOf(leadOf(id.CAS)), ...RANGE });
    expect(t.sites.map((s) => s.code)).toEqual(['CAS']);
    // One other site at most on any day: every network point is withheld from the lead.
    expect(t.network[0]).toMatchObject({ day: '2025-03-10', offered: 0, serviceLevel: null });
    expect(JSON.stringify(t)).not.toContain('TUN');
  });
});

describe('buildComparison: parts, previous period, feed and daily reports', () => {
  // Reports are due by 21:00 site-local (the default deadline). Tunis is UTC+1 in March 2025;
  // Casablanca is UTC+0 during Ramadan (March 2025), so its 11 March deadline is 21:00Z.
  const asOf = new Date('2025-03-20T00:00:00Z');
  beforeAll(async () => {
    await h.db.insert(siteFeeds).values({ siteId: id.TUN, lastPushAt: new Date('2025-03-19T23:00:00Z') });
    await h.db.insert(dailyReports).values([
      { siteId: id.TUN, day: '2025-03-10', scheduledAgents: 20, presentAgents: 18, submittedAt: new Date('2025-03-10T19:00:00Z'), submittedBy: 'lead' },
      // A day without calls owes a report like any other: this one counts, on time.
      { siteId: id.TUN, day: '2025-03-12', scheduledAgents: 20, presentAgents: 18, submittedAt: new Date('2025-03-12T19:00:00Z'), submittedBy: 'lead' },
      { siteId: id.CAS, day: '2025-03-11', scheduledAgents: 9, presentAgents: 9, submittedAt: new Date('2025-03-12T09:00:00Z'), submittedBy: 'lead' },
    ]);
    await h.db.insert(kpiTargets).values({ siteId: null, metric: 'report_compliance', green: 0.9, amber: 0.5 });
  });

  it('carries the summed parts behind each figure, for the sites and the network', async () => {
    const c = await buildComparison(h.db, { scope: hq, ...RANGE, now: asOf });
    const tun = c.sites.find((s) => s.code === 'TUN')!;
    expect(tun.parts).toMatchObject({ offered: 200, answeredWithinSla: 160, handled: 200, handleSeconds: 60_000, csatTop2: 60, csatResponses: 80 });
    expect(tun.parts.answeredWithinSla / tun.parts.offered).toBe(tun.serviceLevel);
    expect(tun.slaSeconds).toBe(20);
    expect(c.network.parts).toMatchObject({ offered: 250, answeredWithinSla: 192 });
    expect(c.network.siteCount).toBe(3);
    expect(tun.before).toMatchObject({ offered: 100, serviceLevel: 0.7, ahtSeconds: 320 });
  });

  it('tells how fresh each feed is as of the request', async () => {
    const c = await buildComparison(h.db, { scope: hq, ...RANGE, now: asOf });
    expect(c.sites.find((s) => s.code === 'TUN')!.feed).toEqual({
      lastPushAt: new Date('2025-03-19T23:00:00Z'),
      freshnessSeconds: 3600,
      status: 'fresh',
    });
    expect(c.sites.find((s) => s.code === 'CAS')!.feed).toEqual({ lastPushAt: null, freshnessSeconds: null, status: 'never' });
  });

  it('counts every day from the site’s first day once its deadline has passed, calls or not', async () => {
    const c = await buildComparison(h.db, { scope: hq, ...RANGE, now: asOf });
    const tun = c.sites.find((s) => s.code === 'TUN')!;
    const cas = c.sites.find((s) => s.code === 'CAS')!;
    const dkr = c.sites.find((s) => s.code === 'DKR')!;
    // Tunis took part from its first day of data (2 March): all 7 days owe a report, 2 came in on time.
    expect(tun.reports).toEqual({ expectedDays: 7, submitted: 2, onTime: 2, missingDays: 5, lastMissingDay: '2025-03-16', compliance: 2 / 7, rag: 'red' });
    expect(tun.reportCompliance).toBe(2 / 7);
    // Casablanca from its first report and first calls (11 March): 6 days, its one report late.
    expect(cas.reports).toMatchObject({ expectedDays: 6, submitted: 1, onTime: 0, missingDays: 5, compliance: 0, rag: 'red' });
    // Dakar has neither data nor reports: it was added after the range and owes nothing in it.
    expect(dkr.reports).toMatchObject({ expectedDays: 0, compliance: null, rag: null });
    expect(c.network.reports).toMatchObject({ expectedDays: 13, submitted: 3, onTime: 2, missingDays: 10, lastMissingDay: '2025-03-16', compliance: 2 / 13 });
    expect(c.network.reportCompliance).toBe(2 / 13);

    // At noon UTC on the 16th, Tunis's report for that day is not due yet: the day is not counted.
    const early = await buildComparison(h.db, { scope: hq, ...RANGE, now: new Date('2025-03-16T12:00:00Z') });
    expect(early.sites.find((s) => s.code === 'TUN')!.reports).toMatchObject({ expectedDays: 6, missingDays: 4, lastMissingDay: '2025-03-15' });
  });

  it('does not tell a lead when another site last missed a report', async () => {
    const c = await buildComparison(h.db, { scope: siteScopeOf(leadOf(id.CAS)), ...RANGE, now: asOf });
    // With one other site owing reports, the lead gets no network report figure at all.
    expect(c.network.withheld).toContain('reports');
    expect(c.network.reports).toMatchObject({ expectedDays: 0, missingDays: 0, lastMissingDay: null });
    expect(JSON.stringify(c.network)).not.toMatch(/"lastMissingDay":"/);
  });
});
