import { createOpenApiFetchHandler, generateOpenApiDocument } from 'trpc-to-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import type { Principal } from '@/server/auth/principal';
import { createCallerFactory, createInnerContext, createTRPCRouter } from '@/server/trpc/init';
import { comparisonToCsv } from './csv';
import { kpiRouter } from './router';
import { hqUser, insertNetwork, leadOf, RANGE, siteKeyOf, type FixtureSites } from './test-fixtures';
import { trpcCode } from '@/test/fixtures';

// The KPI router on its own, so these tests do not depend on the other domains' routers.
const router = createTRPCRouter({ kpi: kpiRouter });
const createCaller = createCallerFactory(router);

let h: DbHandle;
let id: FixtureSites;
const caller = (principal?: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal }));

beforeAll(async () => {
  h = await createTestDb();
  id = await insertNetwork(h.db);
});
afterAll(async () => {
  await h.close();
});

const DESIGN_KPIS = [
  'abandonRate',
  'abandoned',
  'ahtSeconds',
  'asaSeconds',
  'csat',
  'csatResponses',
  'fcr',
  'handled',
  'offered',
  'qaEvaluations',
  'qaScore',
  'reportCompliance',
  'serviceLevel',
];

describe('kpi.compare (REST GET /api/v1/kpis)', () => {
  it('answers exactly DESIGN’s shape', async () => {
    const answer = await caller(hqUser).kpi.compare(RANGE);
    expect(Object.keys(answer).sort()).toEqual(['from', 'network', 'sites', 'to']);
    expect(Object.keys(answer.network).sort()).toEqual(DESIGN_KPIS);
    for (const site of answer.sites) expect(Object.keys(site).sort()).toEqual(['code', 'name', ...DESIGN_KPIS].sort());
    expect(answer.sites.map((s) => s.code)).toEqual(['CAS', 'DKR', 'TUN']);
    expect(answer.network).toMatchObject({ offered: 250, ahtSeconds: 320 });
    expect(answer.sites.find((s) => s.code === 'DKR')).toMatchObject({ offered: 0, serviceLevel: null, qaScore: null });
  });

  it('takes one site code or several', async () => {
    const one = await caller(hqUser).kpi.compare({ ...RANGE, site: 'tun' });
    expect(one.sites.map((s) => s.code)).toEqual(['TUN']);
    expect(one.network.offered).toBe(200);
    const two = await caller(hqUser).kpi.compare({ ...RANGE, site: ['TUN', 'CAS'] });
    expect(two.sites.map((s) => s.code)).toEqual(['CAS', 'TUN']);
  });

  it('gives a site lead their site, and the network only when three other sites contribute', async () => {
    const answer = await caller(leadOf(id.CAS)).kpi.compare(RANGE);
    expect(answer.sites.map((s) => s.code)).toEqual(['CAS']);
    // Tunis is the only other site with calls: the network minus Casablanca would be Tunis.
    expect(answer.network).toMatchObject({ offered: null, handled: null, serviceLevel: null, qaScore: null, qaEvaluations: null });
    expect(JSON.stringify(answer)).not.toMatch(/TUN|Tunis|DKR|Dakar/);
    expect(await trpcCode(() => caller(leadOf(id.CAS)).kpi.compare({ ...RANGE, site: 'TUN' }))).toBe('FORBIDDEN');
  });

  it('refuses anonymous callers and site keys', async () => {
    expect(await trpcCode(() => caller().kpi.compare(RANGE))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(siteKeyOf(id.TUN)).kpi.compare(RANGE))).toBe('FORBIDDEN');
  });

  it('rejects bad ranges and unknown sites as bad requests', async () => {
    expect(await trpcCode(() => caller(hqUser).kpi.compare({ from: '2025-03-16', to: '2025-03-10' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(hqUser).kpi.compare({ from: '2025-02-30', to: '2025-03-10' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(hqUser).kpi.compare({ from: '2024-01-01', to: '2025-03-10' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(hqUser).kpi.compare({ ...RANGE, site: 'XYZ' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(hqUser).kpi.compare({ ...RANGE, site: 'T1' }))).toBe('BAD_REQUEST');
  });
});

describe('the REST mapping', () => {
  const handle = (url: string, principal: Principal) =>
    createOpenApiFetchHandler({
      req: new Request(url),
      endpoint: '/api/v1',
      router,
      createContext: () => createInnerContext({ db: h.db, driver: h.driver, principal }),
    });

  it('documents GET /kpis with from, to and a repeatable site parameter', () => {
    const doc = generateOpenApiDocument(router, { title: 'Vigie', version: '1', baseUrl: 'http://localhost/api/v1' });
    const op = doc.paths?.['/kpis']?.get;
    expect(op).toBeDefined();
    const names = (op!.parameters ?? []).map((p) => ('name' in p ? p.name : ''));
    expect(names.sort()).toEqual(['from', 'site', 'to']);
  });

  it('reads ?site= once or repeated', async () => {
    const repeated = await handle(`http://localhost/api/v1/kpis?from=${RANGE.from}&to=${RANGE.to}&site=TUN&site=CAS`, hqUser);
    expect(repeated.status).toBe(200);
    const body = (await repeated.json()) as { sites: { code: string }[]; network: { offered: number } };
    expect(body.sites.map((s) => s.code)).toEqual(['CAS', 'TUN']);
    expect(body.network.offered).toBe(250);

    const single = await handle(`http://localhost/api/v1/kpis?from=${RANGE.from}&to=${RANGE.to}&site=CAS`, hqUser);
    expect(((await single.json()) as { sites: { code: string }[] }).sites.map((s) => s.code)).toEqual(['CAS']);
  });

  it('answers 400, 401 and 403 as DESIGN says', async () => {
    const bad = await handle(`http://localhost/api/v1/kpis?from=2025-03-16&to=2025-03-10`, hqUser);
    expect(bad.status).toBe(400);
    const anonymous = await handle(`http://localhost/api/v1/kpis?from=${RANGE.from}&to=${RANGE.to}`, { kind: 'anonymous' });
    expect(anonymous.status).toBe(401);
    const other = await handle(`http://localhost/api/v1/kpis?from=${RANGE.from}&to=${RANGE.to}&site=TUN`, leadOf(id.CAS));
    expect(other.status).toBe(403);
  });
});

describe('kpi.comparison (app)', () => {
  it('adds RAG, changes, the previous period and site details', async () => {
    const c = await caller(hqUser).kpi.comparison({ ...RANGE, sites: ['CAS'] });
    expect(c.previous).toEqual({ from: '2025-03-03', to: '2025-03-09' });
    expect(c.sites[0]).toMatchObject({ code: 'CAS', country: 'MA', kind: 'offshore', rag: { service_level: 'green', aht: 'red' } });
    expect(c.sites[0]!.csatMean).toBeNull();
    expect(await trpcCode(() => caller().kpi.comparison(RANGE))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(siteKeyOf(id.CAS)).kpi.comparison(RANGE))).toBe('FORBIDDEN');
  });

  it('shares a comparison only between identical reads in flight: never across scopes or ranges', async () => {
    // All at once, as a wave of overviews opening: HQ twice, two leads, another range.
    const [hqA, hqB, cas, tun, narrower] = await Promise.all([
      caller(hqUser).kpi.comparison(RANGE),
      caller(hqUser).kpi.comparison(RANGE),
      caller(leadOf(id.CAS)).kpi.comparison(RANGE),
      caller(leadOf(id.TUN)).kpi.comparison(RANGE),
      caller(hqUser).kpi.comparison({ ...RANGE, to: RANGE.from }),
    ]);
    expect(hqB).toEqual(hqA);
    expect(hqA.sites.map((s) => s.code)).toEqual(['CAS', 'DKR', 'TUN']);
    expect(cas.sites.map((s) => s.code)).toEqual(['CAS']);
    expect(tun.sites.map((s) => s.code)).toEqual(['TUN']);
    expect(JSON.stringify(cas.sites)).not.toMatch(/TUN|Tunis/);
    expect(narrower.to).toBe(RANGE.from);
    expect(narrower.network.offered).toBeLessThan(hqA.network.offered);
  });
});

describe('kpi.trend', () => {
  it('gives daily points per site and for the network', async () => {
    const t = await caller(hqUser).kpi.trend({ ...RANGE, sites: 'TUN' });
    expect(t.sites.map((s) => s.code)).toEqual(['TUN']);
    expect(t.network.map((p) => p.offered)).toEqual([110, 0, 0, 0, 0, 0, 90]);
    expect(await trpcCode(() => caller().kpi.trend(RANGE))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(siteKeyOf(id.TUN)).kpi.trend(RANGE))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadOf(id.CAS)).kpi.trend({ ...RANGE, sites: ['TUN'] }))).toBe('FORBIDDEN');
  });
});

describe('kpi.queues', () => {
  it('hides another site from a lead as not found', async () => {
    expect(await trpcCode(() => caller(leadOf(id.CAS)).kpi.queues({ site: 'TUN', ...RANGE }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(hqUser).kpi.queues({ site: 'XYZ', ...RANGE }))).toBe('NOT_FOUND');
    const own = await caller(leadOf(id.CAS)).kpi.queues({ site: 'cas', ...RANGE });
    expect(own.site).toEqual({ code: 'CAS', name: 'Casablanca Sidi Maârouf' });
    expect(own.queues).toEqual([]);
    expect(await trpcCode(() => caller().kpi.queues({ site: 'CAS', ...RANGE }))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(siteKeyOf(id.CAS)).kpi.queues({ site: 'CAS', ...RANGE }))).toBe('FORBIDDEN');
  });
});

describe('kpi.qaCategories', () => {
  it('answers within scope, empty without evaluations', async () => {
    const q = await caller(leadOf(id.CAS)).kpi.qaCategories(RANGE);
    expect(q.sites).toEqual([{ code: 'CAS', name: 'Casablanca Sidi Maârouf', categories: [] }]);
    expect(q.network).toEqual([]);
    expect(await trpcCode(() => caller().kpi.qaCategories(RANGE))).toBe('UNAUTHORIZED');
  });
});

describe('kpi.targets', () => {
  it('gives HQ every target and a lead the defaults and their own overrides', async () => {
    const all = await caller(hqUser).kpi.targets();
    expect(all.map((t) => [t.metric, t.site])).toEqual([
      ['aht', null],
      ['service_level', null],
      ['service_level', 'CAS'],
    ]);
    const tunLead = await caller(leadOf(id.TUN)).kpi.targets();
    expect(tunLead.map((t) => t.site)).toEqual([null, null]);
    const casLead = await caller(leadOf(id.CAS)).kpi.targets();
    expect(casLead.find((t) => t.site === 'CAS')).toMatchObject({ metric: 'service_level', green: 0.6, amber: 0.5 });
    expect(await trpcCode(() => caller().kpi.targets())).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(siteKeyOf(id.TUN)).kpi.targets())).toBe('FORBIDDEN');
  });
});

describe('comparisonToCsv on a real answer', () => {
  it('has a header, a row per site and the network row', async () => {
    const answer = await caller(hqUser).kpi.compare(RANGE);
    const lines = comparisonToCsv(answer).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines[0]).toBe(
      'scope,code,name,from,to,offered,handled,abandoned,ahtSeconds,asaSeconds,serviceLevel,abandonRate,fcr,csat,csatResponses,qaScore,qaEvaluations,reportCompliance',
    );
    // Report compliance: no report came in on any of the seven days Tunis owed one; Dakar owes none.
    expect(lines[3]).toBe('site,TUN,Tunis Lac,2025-03-10,2025-03-16,200,200,10,300,15,0.8,0.05,0.75,0.75,80,80,4,0');
    expect(lines[2]).toBe('site,DKR,Dakar Plateau,2025-03-10,2025-03-16,0,0,0,,,,,,,0,,0,');
    expect(lines[4]!.startsWith('network,,,2025-03-10,2025-03-16,250,250,15,320,')).toBe(true);
  });
});

describe('kpi.site', () => {
  const now = () => new Date('2025-03-20T00:00:00Z');
  const at = (principal?: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now }));

  it('gives a site’s facts and feed freshness to HQ and to its own lead', async () => {
    const facts = await at(hqUser).kpi.site({ code: 'tun' });
    expect(facts).toMatchObject({
      code: 'TUN',
      name: 'Tunis Lac',
      country: 'TN',
      timezone: 'Africa/Tunis',
      kind: 'offshore',
      slaSeconds: 20,
      languages: [],
      active: true,
      localToday: '2025-03-20',
      feed: { lastPushAt: null, freshnessSeconds: null, status: 'never' },
    });
    expect((await at(leadOf(id.TUN)).kpi.site({ code: 'TUN' })).code).toBe('TUN');
    // An inactive site's page stays readable for HQ.
    expect((await at(hqUser).kpi.site({ code: 'OLD' })).active).toBe(false);
  });

  it('answers NOT_FOUND for another site of a lead and for an unknown code', async () => {
    expect(await trpcCode(() => at(leadOf(id.CAS)).kpi.site({ code: 'TUN' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => at(leadOf(id.CAS)).kpi.site({ code: 'XYZ' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => at(hqUser).kpi.site({ code: 'XYZ' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => at().kpi.site({ code: 'TUN' }))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => at(siteKeyOf(id.TUN)).kpi.site({ code: 'TUN' }))).toBe('FORBIDDEN');
  });
});

describe('kpi.comparison carries what the app explains', () => {
  it('gives each row its parts, the previous period’s KPIs, feed and report status', async () => {
    const c = await caller(hqUser).kpi.comparison({ ...RANGE, sites: 'TUN' });
    const tun = c.sites[0]!;
    expect(tun.parts).toMatchObject({ answeredWithinSla: 160, offered: 200 });
    expect(tun.before.serviceLevel).toBe(0.7);
    expect(tun.feed.status).toBe('never');
    // Every day of the range from Tunis's first day of data (2 March) owes a report.
    expect(tun.reports.expectedDays).toBe(7);
    expect(c.network.parts.offered).toBe(200);
    // REST keeps DESIGN's shape: none of this leaks into GET /api/v1/kpis.
    const rest = await caller(hqUser).kpi.compare({ ...RANGE, site: 'TUN' });
    expect(Object.keys(rest.sites[0]!)).not.toContain('parts');
  });
});
