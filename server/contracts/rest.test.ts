// POST /api/v1/contracts and GET /api/v1/statements through the real REST handler, with real
// personal tokens and site keys on a real database: a version answered as stored, each bad body a
// 400 with the path of each fault and nothing written (any body: 200 or 400, never a 5xx), HQ and
// leads refused a write, and a statement read by HQ, by its own lead, and by nobody else.
import { count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { auditLog, siteContracts } from '@/db/schema';
import { cliActor } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { createSiteKey, createUserTokenByEmail } from '@/server/keys/service';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';
import { makeSite, makeUser } from '@/test/fixtures';

let h: DbHandle;
let adminToken: string;
let hqToken: string;
let leadToken: string;
let tunKey: string;
const now = new Date('2026-03-05T10:00:00Z');

beforeAll(async () => {
  h = await createTestDb();
  const tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' });
  await makeSite(h.db, { code: 'DKR', name: 'Dakar Plateau', country: 'SN', timezone: 'Africa/Dakar' });
  await makeUser(h.db, 'admin', { email: 'admin@contracts.test' });
  await makeUser(h.db, 'hq_manager', { email: 'hq@contracts.test' });
  await makeUser(h.db, 'site_lead', { email: 'lead.tun@contracts.test', siteId: tun.id });
  adminToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'admin@contracts.test', name: 'scripts' })).secret;
  hqToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'hq@contracts.test', name: 'bi' })).secret;
  leadToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'lead.tun@contracts.test', name: 'sheet' })).secret;
  tunKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'pbx' })).secret;
  const records = Array.from({ length: 8 }, (_, i) => ({
    externalId: `feb-${i}`,
    startedAt: `2026-02-1${i}T09:30:00+01:00`,
    direction: 'inbound',
    queue: 'sales',
    waitSeconds: i < 6 ? 5 : 45,
    talkSeconds: 240,
    holdSeconds: 30,
    wrapSeconds: 30,
    abandoned: false,
    resolved: true,
  }));
  await ingestCalls(h.db, { siteId: tun.id, actor: cliActor(), records });
});
afterAll(() => h.close());

async function rest(method: string, path: string, opts: { key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const req = new Request(`http://vigie.test/api/v1${path}`, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
  const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null, now: () => now }));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function written() {
  const [contracts] = await h.db.select({ n: count() }).from(siteContracts);
  const [audits] = await h.db.select({ n: count() }).from(auditLog);
  return { contracts: contracts!.n, audits: audits!.n };
}

const term = (extra: Record<string, unknown> = {}) => ({
  metric: 'serviceLevel',
  comparison: 'atLeast',
  threshold: 0.8,
  period: 'month',
  allowedMisses: 0,
  penalty: { kind: 'percent', value: 5, cap: 200 },
  ...extra,
});

const body = (extra: Record<string, unknown> = {}) => ({
  site: 'TUN',
  effectiveFrom: '2026-01-01',
  provider: 'Atlas Contact',
  currency: 'TND',
  pricing: { model: 'per_handled_minute', rate: 0.5, fixedMonthly: 300 },
  terms: [term()],
  ...extra,
});

describe('POST /api/v1/contracts', () => {
  it('writes the version as the token’s owner and answers it as stored', async () => {
    const res = await rest('POST', '/contracts', { key: adminToken, body: body() });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: expect.any(Number),
      site: 'TUN',
      effectiveFrom: '2026-01-01',
      provider: 'Atlas Contact',
      currency: 'TND',
      pricing: { model: 'per_handled_minute', rate: 0.5, seats: null, fixedMonthly: 300 },
      terms: [term()],
      createdAt: now.toISOString(),
      createdBy: 'admin user',
    });
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'contract.create'));
    expect(entry).toMatchObject({ actorType: 'user_token', entity: 'contract', entityId: String(res.json.id) });
  });

  it('answers 400 with the path and reason of each fault, and writes nothing', async () => {
    const before = await written();
    const cases: [unknown, string[]][] = [
      [body({ site: 'XYZ' }), ['site']],
      [body({ site: 'tun' }), ['site']],
      [body({ effectiveFrom: '2026-02-30' }), ['effectiveFrom']],
      [body({ currency: 'eur' }), ['currency']],
      [body({ provider: '  ' }), ['provider']],
      [body({ pricing: { model: 'per_minute', rate: 1 } }), ['pricing.model']],
      [body({ pricing: { model: 'per_seat_month', rate: 900 } }), ['pricing.seats']],
      [body({ pricing: { model: 'per_handled_call', rate: -2, fixedMonthly: 'a lot' } }), ['pricing.rate', 'pricing.fixedMonthly']],
      [body({ terms: [term(), term({ threshold: 80 })] }), ['terms.1.threshold']],
      [body({ terms: [term({ penalty: { kind: 'percent', value: 150 } })] }), ['terms.0.penalty.value']],
      [body({ terms: [term({ metric: 'handleTime', period: 'quarter', allowedMisses: 1.5 })] }), ['terms.0.metric', 'terms.0.period', 'terms.0.allowedMisses']],
      [body({ terms: Array.from({ length: 21 }, () => term()) }), ['terms']],
      [body({ colour: 'red' }), ['']],
      [{}, ['site', 'effectiveFrom', 'provider', 'currency', 'pricing']],
    ];
    for (const [input, paths] of cases) {
      const res = await rest('POST', '/contracts', { key: adminToken, body: input });
      expect(res.status, JSON.stringify(input)).toBe(400);
      const issues = res.json.issues as { path: (string | number)[]; message: string }[];
      expect(issues.map((i) => i.path.join('.')).sort(), JSON.stringify(input)).toEqual([...paths].sort());
      expect(issues.every((i) => i.message.length > 0)).toBe(true);
    }
    const unknownSite = await rest('POST', '/contracts', { key: adminToken, body: body({ site: 'XYZ' }) });
    expect(unknownSite.json.issues).toEqual([expect.objectContaining({ path: ['site'], message: 'No site has the code XYZ.' })]);
    expect((await rest('POST', '/contracts', { key: adminToken, body: 'not a contract' })).status).toBe(400);
    expect(await written()).toEqual(before);
  });

  it('answers any body with 200 (one version and one audit row) or 400 (nothing written), never a 5xx', async () => {
    const fields = Object.keys(body());
    const valueFor = fc.oneof(fc.jsonValue(), fc.constantFrom(-1, 0, 1.5, 1e308, '', 'TUN', 'XYZ', 'EUR', '2026-02-29', [], {}, null));
    const pricingFor = fc.record(
      { model: fc.constantFrom('per_handled_call', 'per_seat_month', 'per_productive_hour', 'x'), rate: valueFor, seats: valueFor, fixedMonthly: valueFor },
      { requiredKeys: ['model'] },
    );
    const mutated = fc.tuple(fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__'), valueFor, { maxKeys: 3 }), fc.option(pricingFor), fc.subarray(fields)).map(([changes, pricing, dropped]) => {
      const next: Record<string, unknown> = { ...body(), ...changes };
      if (pricing) next.pricing = pricing;
      for (const field of dropped.slice(0, 2)) delete next[field];
      return next;
    });
    // Valid bodies of any day, provider and rate, so that the runs reach both answers.
    const valid = fc
      .tuple(fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }), fc.string({ minLength: 1, maxLength: 100 }), fc.double({ min: 0, max: 1e6, noNaN: true }))
      .map(([day, provider, rate]) => body({ effectiveFrom: day.toISOString().slice(0, 10), provider: `p ${provider}`, pricing: { model: 'per_handled_call', rate } }));
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 2, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue() }), async (input) => {
        const before = await written();
        const res = await rest('POST', '/contracts', { key: adminToken, body: input });
        expect([200, 400], JSON.stringify(res.json).slice(0, 300)).toContain(res.status);
        const after = await written();
        if (res.status === 200) {
          expect(after.audits).toBe(before.audits + 1);
          expect(after.contracts - before.contracts).toBeLessThanOrEqual(1);
        } else {
          expect(after).toEqual(before);
          expect(res.json.issues ?? res.json.message).toBeTruthy();
        }
        seen.add(res.status);
      }),
      { numRuns: 120 },
    );
    expect([...seen].sort()).toEqual([200, 400]);
  }, 120_000);

  it('is for administrators: 403 to HQ, a lead and a site key, 401 without a token, nothing written', async () => {
    const before = await written();
    expect((await rest('POST', '/contracts', { key: hqToken, body: body() })).status).toBe(403);
    expect((await rest('POST', '/contracts', { key: leadToken, body: body() })).status).toBe(403);
    expect((await rest('POST', '/contracts', { key: tunKey, body: body() })).status).toBe(403);
    expect((await rest('POST', '/contracts', { body: body() })).status).toBe(401);
    expect(await written()).toEqual(before);
  });
});

describe('GET /api/v1/statements', () => {
  beforeAll(async () => {
    // The fuzzing above may have left versions of any day: the one taking effect on 1 February
    // (written, or replaced, last) is the one February's statement uses.
    const res = await rest('POST', '/contracts', { key: adminToken, body: body({ effectiveFrom: '2026-02-01' }) });
    expect(res.status).toBe(200);
  });

  it('answers the statement to HQ’s token: the issue’s shape, with its periods and counts', async () => {
    const res = await rest('GET', '/statements?site=TUN&month=2026-02', { key: hqToken });
    expect(res.status).toBe(200);
    // 8 handled calls of 300 s: 40 minutes at 0.5 = 20 + 300 fees; 6 of 8 within the SLA: missed, 5 % of 20 = 1.
    expect(res.json).toMatchObject({
      site: 'TUN',
      month: '2026-02',
      currency: 'TND',
      status: 'draft',
      volume: { handled: 8, resolved: 8, handledMinutes: 40, productiveHours: null },
      volumeCharge: 20,
      fixedFees: 300,
      penalties: 1,
      bonuses: 0,
      invoiceEstimate: 319,
      cost: { amount: 319, perHandled: 39.875, perResolved: 39.875 },
      hqCurrency: { code: 'EUR', rate: null, invoiceEstimate: null },
      variance: null,
    });
    expect((res.json.terms as unknown[])[0]).toMatchObject({
      metric: 'serviceLevel',
      comparison: 'atLeast',
      threshold: 0.8,
      period: 'month',
      periods: [{ start: '2026-02-01', end: '2026-02-28', value: 0.75, met: false, offered: 8, numerator: 6, denominator: 8 }],
      missed: 1,
      penalty: 1,
    });
    // The site's lead reads the same.
    const lead = await rest('GET', '/statements?site=TUN&month=2026-02', { key: leadToken });
    expect(lead).toEqual(res);
  });

  it('answers 400 with the path of a bad query, 404 for another site, an unknown one or a month without a contract, 403 to a key', async () => {
    const bad = async (query: string, paths: string[]) => {
      const res = await rest('GET', `/statements?${query}`, { key: hqToken });
      expect(res.status, query).toBe(400);
      expect((res.json.issues as { path: string[] }[]).map((i) => i.path.join('.')).sort(), query).toEqual(paths);
    };
    await bad('site=TUN&month=2026-13', ['month']);
    await bad('site=tun&month=2026-02', ['site']);
    await bad('site=TUN', ['month']);
    await bad('month=2026-02-01', ['month', 'site']);
    expect((await rest('GET', '/statements?site=DKR&month=2026-02', { key: leadToken })).status).toBe(404);
    expect((await rest('GET', '/statements?site=NOPE&month=2026-02', { key: leadToken })).status).toBe(404);
    expect((await rest('GET', '/statements?site=NOPE&month=2026-02', { key: hqToken })).status).toBe(404);
    const none = await rest('GET', '/statements?site=TUN&month=1999-12', { key: hqToken });
    expect(none).toMatchObject({ status: 404, json: { message: 'TUN has no contract for 1999-12' } });
    expect((await rest('GET', '/statements?site=TUN&month=2026-02', { key: tunKey })).status).toBe(403);
    expect((await rest('GET', '/statements?site=TUN&month=2026-02')).status).toBe(401);
  });
});
