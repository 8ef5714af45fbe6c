// The REST API over real Request/Response objects: the handler the route serves, a real database,
// real site keys and tokens. Every status code of the contract, and what each leaves in the data.
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A slow push limit for this file (set before the limiter is built), so that the 429 test does not
// depend on how fast this machine serves requests: 20 pushes at once per key, then one per 10 s.
vi.hoisted(() => {
  process.env.VIGIE_PUSH_RATE_PER_MINUTE = '6';
  process.env.VIGIE_PUSH_BURST = '20';
});
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { callRecords, siteDay } from '@/db/schema';
import { cliActor } from '@/server/auth/principal';
import { createSiteKey, createUserTokenByEmail } from '@/server/keys/service';
import { INTERNAL_FAULT_MESSAGE } from '@/server/trpc/init';
import { contextFromRequest } from '@/server/trpc/request-context';
import { makeSite, makeUser } from '@/test/fixtures';
import { handleRest, MAX_BODY_BYTES, openApiDocument } from './handler';

let h: DbHandle;
let tun: { id: number };
let tunKey: string;
let casKey: string;
let hqToken: string;

beforeAll(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', timezone: 'Africa/Tunis' });
  await makeSite(h.db, { code: 'CAS', timezone: 'Africa/Casablanca', country: 'MA' });
  tunKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'pbx' })).secret;
  casKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'CAS', name: 'pbx' })).secret;
  await makeUser(h.db, 'hq_manager', { email: 'hq@rest.test' });
  hqToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'hq@rest.test', name: 'bi' })).secret;
});
afterAll(() => h.close());

async function call(method: string, path: string, opts: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] ??= 'application/json';
  const req = new Request(`http://vigie.test/api/v1${path}`, {
    method,
    headers,
    ...(opts.raw !== undefined ? { body: opts.raw } : opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null }));
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json: json as Record<string, unknown> };
}

const record = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId,
  startedAt: '2026-11-02T09:00:00+01:00',
  direction: 'inbound',
  queue: 'billing',
  waitSeconds: 12,
  talkSeconds: 240,
  holdSeconds: 10,
  wrapSeconds: 30,
  abandoned: false,
  resolved: true,
  csat: 5,
  ...extra,
});

async function tunCalls() {
  const [row] = await h.db.select({ n: count() }).from(callRecords).where(eq(callRecords.siteId, tun.id));
  return row!.n;
}

describe('POST /api/v1/calls', () => {
  it('keeps the valid records of a batch and reports the others with their reasons', async () => {
    const res = await call('POST', '/calls', {
      key: tunKey,
      body: { records: [record('r-1'), record('r-2', { csat: 9 }), record('r-3', { startedAt: '2026-11-02 09:00' }), { nonsense: true }] },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ received: 4, inserted: 1, updated: 0 });
    const rejected = res.json.rejected as { index: number; externalId: string | null; errors: { path: string }[] }[];
    expect(rejected.map((r) => [r.index, r.externalId, r.errors.map((e) => e.path)[0]])).toEqual([
      [1, 'r-2', 'csat'],
      [2, 'r-3', 'startedAt'],
      [3, null, 'externalId'],
    ]);
    expect(await tunCalls()).toBe(1);
  });

  it('changes nothing when the same batch is sent again, and updates a corrected record', async () => {
    const batch = { records: [record('r-1'), record('r-4')] };
    expect((await call('POST', '/calls', { key: tunKey, body: batch })).json).toMatchObject({ inserted: 1, updated: 0 });
    expect((await call('POST', '/calls', { key: tunKey, body: batch })).json).toMatchObject({ inserted: 0, updated: 0 });
    const corrected = { records: [record('r-4', { csat: 2 })] };
    expect((await call('POST', '/calls', { key: tunKey, body: corrected })).json).toMatchObject({ inserted: 0, updated: 1 });
    const [day] = await h.db.select().from(siteDay).where(eq(siteDay.siteId, tun.id));
    expect(day).toMatchObject({ day: '2026-11-02', handled: 2, csatResponses: 2, csatTop2: 1 });
  });

  it('writes only the key’s own site', async () => {
    const res = await call('POST', '/calls', { key: casKey, body: { records: [record('r-1')] } });
    expect(res.json).toMatchObject({ inserted: 1 });
    expect(await tunCalls()).toBe(2); // TUN's r-1 untouched: CAS has its own r-1
  });

  it('answers 400 for a body that is not a batch, with the reasons', async () => {
    for (const body of [{ record: [] }, { records: 'x' }, [record('a')]]) {
      const res = await call('POST', '/calls', { key: tunKey, body });
      expect(res.status).toBe(400);
      expect(res.json.issues).toBeInstanceOf(Array);
    }
    const broken = await call('POST', '/calls', { key: tunKey, raw: '{"records": [' });
    expect(broken.status).toBe(400);
  });

  it('answers 401 without a valid key, 403 for a credential that is not a site key', async () => {
    expect((await call('POST', '/calls', { body: { records: [] } })).status).toBe(401);
    expect((await call('POST', '/calls', { key: 'vk_forged', body: { records: [] } })).status).toBe(401);
    expect((await call('POST', '/calls', { body: { records: [] }, headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await call('POST', '/calls', { key: hqToken, body: { records: [record('x')] } })).status).toBe(403);
  });

  it('answers 413 over 5,000 records or an oversized body, and writes nothing', async () => {
    const before = await tunCalls();
    const many = Array.from({ length: 5001 }, (_, i) => record(`big-${i}`));
    const res = await call('POST', '/calls', { key: tunKey, body: { records: many } });
    expect(res.status).toBe(413);
    expect(String(res.json.message)).toMatch(/5000/);
    const huge = await call('POST', '/calls', { key: tunKey, raw: `{"records":["${'x'.repeat(MAX_BODY_BYTES)}"]}` });
    expect(huge.status).toBe(413);
    expect(await tunCalls()).toBe(before);
  });

  it('answers 429 with Retry-After once a key pushes faster than its limit', async () => {
    const key = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'flood' })).secret;
    let limited: Awaited<ReturnType<typeof call>> | null = null;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await call('POST', '/calls', { key, body: { records: [] } });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited?.headers.get('retry-after'))).toBeLessThanOrEqual(10);
  });
});

describe('GET /api/v1/qa/forms and the OpenAPI document', () => {
  it('needs a credential and lists the published forms', async () => {
    expect((await call('GET', '/qa/forms')).status).toBe(401);
    const res = await call('GET', '/qa/forms', { key: tunKey });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ forms: [] });
  });

  it('documents every REST route of the contract', () => {
    const doc = openApiDocument('http://vigie.test');
    const paths = Object.keys(doc.paths ?? {});
    expect(paths).toEqual(expect.arrayContaining(['/calls', '/evaluations', '/qa/forms', '/kpis', '/sites', '/missions', '/daily-reports']));
    expect(doc.servers?.[0]?.url).toBe('http://vigie.test/api/v1');
  });

  it('lists the sites a token may see, without internal ids', async () => {
    expect((await call('GET', '/sites')).status).toBe(401);
    expect((await call('GET', '/sites', { key: tunKey })).status).toBe(403);
    const res = await call('GET', '/sites', { key: hqToken });
    expect(res.status).toBe(200);
    const sites = (res.json as { sites: Record<string, unknown>[] }).sites;
    expect(sites.map((s) => s.code)).toEqual(['CAS', 'TUN']);
    expect(sites[1]).toMatchObject({ name: 'TUN', country: 'TN', timezone: 'Africa/Tunis', kind: 'offshore', reportDeadline: '21:00', active: true });
    expect(sites[1]).not.toHaveProperty('id');
  });

  it('answers 404 for a route that does not exist', async () => {
    expect((await call('GET', '/nothing-here', { key: tunKey })).status).toBe(404);
  });
});

describe('a fault of the server', () => {
  it('answers 500 without the SQL, the parameters or the stack behind it, and logs the cause', async () => {
    // A real fault: the database lost a table the sites list reads (drift between code and schema).
    const broken = await createTestDb();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await makeUser(broken.db, 'hq_manager', { email: 'hq@fault.test' });
      const token = (await createUserTokenByEmail(broken.db, cliActor(), { email: 'hq@fault.test', name: 'bi' })).secret;
      await broken.db.execute(sql`drop table sites cascade`);
      const res = await handleRest(
        new Request('http://vigie.test/api/v1/sites', { headers: { authorization: `Bearer ${token}` } }),
        (r) => contextFromRequest(r, { handle: broken, session: async () => null }),
      );
      const body = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(body)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_FAULT_MESSAGE });
      expect(body).not.toMatch(/select|sites"|stack|\.ts:/i);
      expect(String(logged.mock.calls[0]?.[0])).toContain('REST GET');
    } finally {
      logged.mockRestore();
      await broken.close();
    }
  });
});
