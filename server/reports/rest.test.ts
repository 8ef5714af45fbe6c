// REST /api/v1/daily-reports over real Request/Response objects with real keys and tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { createSiteKey, createUserTokenByEmail } from '@/server/keys/service';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/context';
import { makeSite, makeUser } from '@/test/fixtures';
import { acknowledgeReport } from './service';

let h: DbHandle;
let tunKey: string;
let casKey: string;
let hqToken: string;
let tunLeadToken: string;
let casLeadToken: string;
let now = new Date('2025-03-14T18:00:00Z');

beforeAll(async () => {
  h = await createTestDb();
  const tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' });
  const cas = await makeSite(h.db, { code: 'CAS', name: 'Casablanca', country: 'MA', timezone: 'Africa/Casablanca' });
  tunKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'pbx' })).secret;
  casKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'CAS', name: 'pbx' })).secret;
  await makeUser(h.db, 'hq_manager', { email: 'hq@reports.test' });
  await makeUser(h.db, 'site_lead', { email: 'lead.tun@reports.test', siteId: tun.id });
  await makeUser(h.db, 'site_lead', { email: 'lead.cas@reports.test', siteId: cas.id });
  hqToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'hq@reports.test', name: 'bi' })).secret;
  tunLeadToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'lead.tun@reports.test', name: 'script' })).secret;
  casLeadToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'lead.cas@reports.test', name: 'script' })).secret;
});
afterAll(() => h.close());

async function rest(method: string, path: string, opts: { key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const req = new Request(`http://vigie.test/api/v1${path}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null, now: () => now }));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const REPORT = {
  date: '2025-03-14',
  scheduledAgents: 52,
  presentAgents: 49,
  leavers: 0,
  incidents: [{ category: 'telecom', description: 'Trunk 2 down for 20 minutes', minutesLost: 20 }],
  highlights: 'New hires on the floor',
  blockers: 'Waiting for the CRM fix',
};

describe('POST /api/v1/daily-reports', () => {
  it('files a report with a site key and answers it with its status', async () => {
    const res = await rest('POST', '/daily-reports', { key: tunKey, body: REPORT });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      site: 'TUN',
      date: '2025-03-14',
      scheduledAgents: 52,
      presentAgents: 49,
      leavers: 0,
      incidents: [{ category: 'telecom', description: 'Trunk 2 down for 20 minutes', minutesLost: 20 }],
      highlights: 'New hires on the floor',
      blockers: 'Waiting for the CRM fix',
      productiveHours: null,
      submittedAt: '2025-03-14T18:00:00.000Z',
      submittedBy: 'site key pbx',
      updatedAt: '2025-03-14T18:00:00.000Z',
      deadline: '2025-03-14T20:00:00.000Z',
      status: 'on_time',
      acknowledgedAt: null,
      hqComment: null,
      amended: false,
    });
  });

  it('amends it with the lead’s token until HQ acknowledges it, then answers 409', async () => {
    now = new Date('2025-03-14T19:00:00Z');
    const amended = await rest('POST', '/daily-reports', { key: tunLeadToken, body: { ...REPORT, presentAgents: 50, productiveHours: 312.5 } });
    expect(amended.json).toMatchObject({ amended: true, presentAgents: 50, productiveHours: 312.5, submittedBy: 'site key pbx' });
    await acknowledgeReport(h.db, cliActor(), { site: 'TUN', date: '2025-03-14', comment: 'ok' }, now);
    const refused = await rest('POST', '/daily-reports', { key: tunKey, body: REPORT });
    expect(refused.status).toBe(409);
  });

  it('answers 400 for a bad body or a future day, 401 and 403', async () => {
    const bad = await rest('POST', '/daily-reports', { key: casKey, body: { ...REPORT, scheduledAgents: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toBeInstanceOf(Array);
    expect((await rest('POST', '/daily-reports', { key: casKey, body: { ...REPORT, date: '2025-03-15' } })).status).toBe(400);
    for (const productiveHours of [-1, 100_001, 'eight', Number.MAX_VALUE]) {
      const hours = await rest('POST', '/daily-reports', { key: casKey, body: { ...REPORT, productiveHours } });
      expect(hours.status, String(productiveHours)).toBe(400);
      expect((hours.json.issues as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['productiveHours']);
    }
    expect((await rest('POST', '/daily-reports', { body: REPORT })).status).toBe(401);
    expect((await rest('POST', '/daily-reports', { key: 'vk_forged', body: REPORT })).status).toBe(401);
    expect((await rest('POST', '/daily-reports', { key: hqToken, body: REPORT })).status).toBe(403);
  });
});

describe('GET /api/v1/daily-reports', () => {
  it('answers DESIGN’s shape: the reports of the day and the sites missing', async () => {
    now = new Date('2025-03-14T22:00:00Z'); // 22:00 in Casablanca (UTC+0 during Ramadan 2025): its deadline passed
    const res = await rest('GET', '/daily-reports?date=2025-03-14', { key: hqToken });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(['date', 'missing', 'reports']);
    expect(res.json.date).toBe('2025-03-14');
    expect(res.json.missing).toEqual(['CAS']);
    const reports = res.json.reports as Record<string, unknown>[];
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ site: 'TUN', presentAgents: 50, productiveHours: 312.5, status: 'on_time', hqComment: 'ok' });
    expect(reports[0]!.acknowledgedAt).toBe('2025-03-14T19:00:00.000Z');
  });

  it('gives a site lead their own site only, and refuses a site key', async () => {
    const cas = await rest('GET', '/daily-reports?date=2025-03-14', { key: casLeadToken });
    expect(cas.json).toEqual({ date: '2025-03-14', reports: [], missing: ['CAS'] });
    const tun = await rest('GET', '/daily-reports?date=2025-03-14', { key: tunLeadToken });
    expect(tun.json).toMatchObject({ missing: [] });
    expect((tun.json.reports as { site: string }[]).map((r) => r.site)).toEqual(['TUN']);
    expect((await rest('GET', '/daily-reports?date=2025-03-14', { key: tunKey })).status).toBe(403);
    expect((await rest('GET', '/daily-reports?date=2025-03-14')).status).toBe(401);
    expect((await rest('GET', '/daily-reports?date=14-03-2025', { key: hqToken })).status).toBe(400);
  });
});
