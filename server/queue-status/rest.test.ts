// POST and GET /api/v1/queue-status through the real REST handler, with real site keys and tokens
// on a real database: validation with paths, 401/403/413/429, idempotence, an older status never
// overwriting a newer one, one history row per minute, pruning, and `stale` at two minutes.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A push limit of this file's own (set before the limiter is built): 50 pushes at once per key,
// then one per 10 s, so that only the 429 test, on a key of its own, reaches it.
vi.hoisted(() => {
  process.env.VIGIE_PUSH_RATE_PER_MINUTE = '6';
  process.env.VIGIE_PUSH_BURST = '50';
});
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { auditLog, queueStatusLatest, queueStatusMinutes } from '@/db/schema';
import { cliActor } from '@/server/auth/principal';
import { createSiteKey, createUserTokenByEmail } from '@/server/keys/service';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';
import { makeSite, makeUser } from '@/test/fixtures';

let h: DbHandle;
let tun: { id: number };
let cas: { id: number };
let tunKey: string;
let casKey: string;
let hqToken: string;
let leadToken: string;
let now = new Date('2026-11-02T09:00:00Z');

beforeAll(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' });
  cas = await makeSite(h.db, { code: 'CAS', name: 'Casablanca Anfa', country: 'MA', timezone: 'Africa/Casablanca' });
  tunKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'pbx' })).secret;
  casKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'CAS', name: 'pbx' })).secret;
  await makeUser(h.db, 'hq_manager', { email: 'hq@queues.test' });
  await makeUser(h.db, 'site_lead', { email: 'lead.tun@queues.test', siteId: tun.id });
  hqToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'hq@queues.test', name: 'wallboard' })).secret;
  leadToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'lead.tun@queues.test', name: 'sheet' })).secret;
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
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

const status = (queue: string, waiting: number, extra: Record<string, unknown> = {}) => ({
  queue,
  waiting,
  longestWaitSeconds: waiting * 10,
  agentsAvailable: 3,
  agentsBusy: 12,
  agentsWrapUp: 2,
  agentsAway: 1,
  ...extra,
});

type SiteStatus = { code: string; queues: { queue: string; at: string; stale: boolean; waiting: number; longestWaitSeconds: number }[] };

async function latestOf(code: string, token = hqToken) {
  const res = await rest('GET', `/queue-status?site=${code}`, { key: token });
  expect(res.status).toBe(200);
  return (res.json.sites as SiteStatus[]).find((s) => s.code === code)!.queues;
}

async function stored(siteId: number) {
  return {
    latest: await h.db.select().from(queueStatusLatest).where(eq(queueStatusLatest.siteId, siteId)).orderBy(queueStatusLatest.queue),
    minutes: await h.db
      .select()
      .from(queueStatusMinutes)
      .where(eq(queueStatusMinutes.siteId, siteId))
      .orderBy(queueStatusMinutes.queue, queueStatusMinutes.minute),
  };
}

async function auditRows(siteId: number) {
  const [row] = await h.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.siteId, siteId), eq(auditLog.action, 'queue_status.push')));
  return row!.n;
}

describe('POST /api/v1/queue-status', () => {
  it('keeps the latest status of each queue, answers what it changed, and audits the push', async () => {
    const res = await rest('POST', '/queue-status', { key: tunKey, body: { at: '2026-11-02T10:00:05+01:00', queues: [status('billing', 4), status('sales', 0)] } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: 2, updated: 2, unchanged: 0 });
    expect(await latestOf('TUN')).toEqual([
      { queue: 'billing', at: '2026-11-02T09:00:05.000Z', stale: false, waiting: 4, longestWaitSeconds: 40, agentsAvailable: 3, agentsBusy: 12, agentsWrapUp: 2, agentsAway: 1 },
      { queue: 'sales', at: '2026-11-02T09:00:05.000Z', stale: false, waiting: 0, longestWaitSeconds: 0, agentsAvailable: 3, agentsBusy: 12, agentsWrapUp: 2, agentsAway: 1 },
    ]);
    const [audit] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'queue_status.push'));
    expect(audit).toMatchObject({ actorType: 'site_key', siteId: tun.id, details: { at: '2026-11-02T09:00:05.000Z', received: 2, updated: 2, unchanged: 0 } });
  });

  it('changes nothing when the same push arrives twice', async () => {
    const body = { at: '2026-11-02T09:00:20Z', queues: [status('billing', 6), status('sales', 1)] };
    expect((await rest('POST', '/queue-status', { key: tunKey, body })).json).toEqual({ received: 2, updated: 2, unchanged: 0 });
    const before = await stored(tun.id);
    now = new Date('2026-11-02T09:00:30Z');
    expect((await rest('POST', '/queue-status', { key: tunKey, body })).json).toEqual({ received: 2, updated: 0, unchanged: 2 });
    expect(await stored(tun.id)).toEqual(before);
  });

  it('never lets an older status overwrite a newer one, in the latest or in its minute', async () => {
    const before = await stored(tun.id);
    // Same minute as the stored 09:00:20, but older: neither the latest nor the minute changes.
    const late = await rest('POST', '/queue-status', { key: tunKey, body: { at: '2026-11-02T09:00:10Z', queues: [status('billing', 99)] } });
    expect(late.json).toEqual({ received: 1, updated: 0, unchanged: 1 });
    expect(await stored(tun.id)).toEqual(before);
    // An older minute that had no row gets one (its last status), and the latest stays the newer one.
    await rest('POST', '/queue-status', { key: tunKey, body: { at: '2026-11-02T08:59:30Z', queues: [status('billing', 77)] } });
    expect((await latestOf('TUN')).find((q) => q.queue === 'billing')).toMatchObject({ at: '2026-11-02T09:00:20.000Z', waiting: 6 });
    const minutes = (await stored(tun.id)).minutes.filter((m) => m.queue === 'billing');
    expect(minutes.map((m) => [m.minute.toISOString(), m.waiting])).toEqual([
      ['2026-11-02T08:59:00.000Z', 77],
      ['2026-11-02T09:00:00.000Z', 6],
    ]);
  });

  it('keeps one history row per site, queue and minute: the last status of that minute', async () => {
    now = new Date('2026-11-02T09:03:00Z');
    for (const [at, waiting] of [
      ['2026-11-02T09:01:05Z', 1],
      ['2026-11-02T09:01:50Z', 3],
      ['2026-11-02T09:01:35Z', 2],
      ['2026-11-02T09:02:00Z', 5],
    ] as const) {
      await rest('POST', '/queue-status', { key: casKey, body: { at, queues: [status('support', waiting)] } });
    }
    const { minutes } = await stored(cas.id);
    expect(minutes.map((m) => [m.queue, m.minute.toISOString(), m.at.toISOString(), m.waiting])).toEqual([
      ['support', '2026-11-02T09:01:00.000Z', '2026-11-02T09:01:50.000Z', 3],
      ['support', '2026-11-02T09:02:00.000Z', '2026-11-02T09:02:00.000Z', 5],
    ]);
    // CAS's queue is its own: TUN's statuses are untouched by CAS's key.
    expect((await stored(tun.id)).minutes.every((m) => m.queue !== 'support')).toBe(true);
  });

  it('answers 400 with the path and reason of each fault, and writes nothing', async () => {
    now = new Date('2026-11-02T09:03:00Z');
    const before = { tun: await stored(tun.id), audit: await auditRows(tun.id) };
    const cases: [unknown, string[]][] = [
      [{ at: '2026-11-02T09:02:00Z', queues: [status('billing', -1, { longestWaitSeconds: 0 })] }, ['queues.0.waiting']],
      [{ at: '2026-11-02T09:02:00Z', queues: [status('billing', 1.5, { longestWaitSeconds: 15 })] }, ['queues.0.waiting']],
      [{ at: '2026-11-02T09:02:00Z', queues: [status('billing', 1, { agentsBusy: 100_001, longestWaitSeconds: 86_401 })] }, ['queues.0.longestWaitSeconds', 'queues.0.agentsBusy']],
      [{ at: '2026-11-02T09:02:00Z', queues: [status('billing', 1, { agentsAway: '2' }), status('', 1)] }, ['queues.0.agentsAway', 'queues.1.queue']],
      [{ at: '2026-11-02T09:02:00Z', queues: [status('billing', 1), status('billing', 2)] }, ['queues.1.queue']],
      [{ at: '2026-11-02T09:02:00Z', queues: [{ queue: 'billing' }] }, ['queues.0.waiting', 'queues.0.longestWaitSeconds', 'queues.0.agentsAvailable', 'queues.0.agentsBusy', 'queues.0.agentsWrapUp', 'queues.0.agentsAway']],
      [{ at: '2026-11-02T09:02:00', queues: [status('billing', 1)] }, ['at']],
      [{ at: 'now', queues: [status('billing', 1)] }, ['at']],
      // More than five minutes ahead of the server's clock (09:03), or older than 8 days.
      [{ at: '2026-11-02T09:08:01Z', queues: [status('billing', 1)] }, ['at']],
      [{ at: '2026-10-25T09:02:59Z', queues: [status('billing', 1)] }, ['at']],
      [{ at: '2026-11-02T09:02:00Z', queues: [status('bill\u0000ing', 1)] }, ['queues.0.queue']],
    ];
    for (const [body, paths] of cases) {
      const res = await rest('POST', '/queue-status', { key: tunKey, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const issues = res.json.issues as { path: (string | number)[]; message: string }[];
      expect(issues.map((i) => i.path.join('.')).sort(), JSON.stringify(body)).toEqual([...paths].sort());
      expect(issues.every((i) => i.message.length > 0)).toBe(true);
    }
    for (const body of [{ queues: [] }, { at: '2026-11-02T09:02:00Z' }, { at: '2026-11-02T09:02:00Z', queues: 'billing' }, []]) {
      const res = await rest('POST', '/queue-status', { key: tunKey, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.issues).toBeInstanceOf(Array);
    }
    // Five minutes ahead is a drifting clock, still accepted.
    expect((await rest('POST', '/queue-status', { key: casKey, body: { at: '2026-11-02T09:08:00Z', queues: [] } })).status).toBe(200);
    expect({ tun: await stored(tun.id), audit: await auditRows(tun.id) }).toEqual(before);
  });

  it('answers 413 over 500 queues and writes nothing; 500 are accepted', async () => {
    const audit = await auditRows(cas.id);
    const many = (n: number) => Array.from({ length: n }, (_, i) => status(`q${i}`, i));
    const over = await rest('POST', '/queue-status', { key: casKey, body: { at: '2026-11-02T09:02:30Z', queues: many(501) } });
    expect(over.status).toBe(413);
    expect(String(over.json.message)).toMatch(/500/);
    // Even when the queues are faulty: the count is judged first.
    expect((await rest('POST', '/queue-status', { key: casKey, body: { at: 'x', queues: Array(600).fill({}) } })).status).toBe(413);
    expect(await auditRows(cas.id)).toBe(audit);
    expect((await stored(cas.id)).latest).toHaveLength(1);
    const full = await rest('POST', '/queue-status', { key: casKey, body: { at: '2026-11-02T09:02:30Z', queues: many(500) } });
    expect(full.json).toEqual({ received: 500, updated: 500, unchanged: 0 });
  });

  it('answers 401 without a valid site key and 403 for a personal token, writing nothing', async () => {
    const body = { at: '2026-11-02T09:02:40Z', queues: [status('billing', 1)] };
    const before = await auditRows(tun.id);
    expect((await rest('POST', '/queue-status', { body })).status).toBe(401);
    expect((await rest('POST', '/queue-status', { key: 'vk_forged', body })).status).toBe(401);
    expect((await rest('POST', '/queue-status', { key: hqToken, body })).status).toBe(403);
    expect((await rest('POST', '/queue-status', { key: leadToken, body })).status).toBe(403);
    expect(await auditRows(tun.id)).toBe(before);
  });

  it('limits pushes per key like calls: 429 with Retry-After past the burst', async () => {
    const key = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'busy pbx' })).secret;
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++) statuses.push((await rest('POST', '/queue-status', { key, body: { at: '2026-11-02T09:02:50Z', queues: [] } })).status);
    expect(statuses.slice(0, 50).every((s) => s === 200)).toBe(true);
    const limited = await rest('POST', '/queue-status', { key, body: { at: '2026-11-02T09:02:50Z', queues: [] } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('prunes minutes older than 8 days as the site pushes', async () => {
    now = new Date('2026-11-10T09:01:00Z');
    await rest('POST', '/queue-status', { key: casKey, body: { at: '2026-11-10T09:00:00Z', queues: [status('support', 2)] } });
    const minutes = (await stored(cas.id)).minutes.map((m) => m.minute.toISOString());
    expect(minutes.some((m) => m < '2026-11-02T09:01:00.000Z')).toBe(false);
    expect(minutes).toContain('2026-11-02T09:02:00.000Z');
    expect(minutes).toContain('2026-11-10T09:00:00.000Z');
  });
});

describe('GET /api/v1/queue-status', () => {
  it('flags a status stale once it is more than two minutes old, keeping its figures', async () => {
    now = new Date('2026-11-10T09:00:00Z');
    await rest('POST', '/queue-status', { key: tunKey, body: { at: '2026-11-10T10:00:00+01:00', queues: [status('billing', 8)] } });
    now = new Date('2026-11-10T09:02:00Z');
    expect((await latestOf('TUN')).find((q) => q.queue === 'billing')).toMatchObject({ stale: false, waiting: 8 });
    now = new Date('2026-11-10T09:02:00.001Z');
    expect((await latestOf('TUN')).find((q) => q.queue === 'billing')).toMatchObject({ stale: true, waiting: 8, longestWaitSeconds: 80 });
    // The sales queue was last heard of days ago: stale, with its last figures, not zero.
    expect((await latestOf('TUN')).find((q) => q.queue === 'sales')).toMatchObject({ stale: true, waiting: 1 });
  });

  it('answers every active site for HQ, and a lead their own site only', async () => {
    const all = await rest('GET', '/queue-status', { key: hqToken });
    expect(all.json).toMatchObject({ now: now.toISOString(), staleAfterSeconds: 120 });
    expect((all.json.sites as SiteStatus[]).map((s) => s.code)).toEqual(['CAS', 'TUN']);
    const own = await rest('GET', '/queue-status', { key: leadToken });
    expect((own.json.sites as SiteStatus[]).map((s) => s.code)).toEqual(['TUN']);
    expect(JSON.stringify(own.json)).not.toMatch(/CAS|Casablanca|support/);
    expect((await rest('GET', '/queue-status?site=TUN', { key: leadToken })).status).toBe(200);
    expect((await rest('GET', '/queue-status?site=CAS', { key: leadToken })).status).toBe(403);
    expect((await rest('GET', '/queue-status?site=TUN&site=CAS', { key: leadToken })).status).toBe(403);
    expect((await rest('GET', '/queue-status?site=NOPE', { key: hqToken })).status).toBe(400);
    expect((await rest('GET', '/queue-status?site=t1', { key: hqToken })).status).toBe(400);
  });

  it('answers 401 without a valid credential and 403 for a site key', async () => {
    expect((await rest('GET', '/queue-status')).status).toBe(401);
    expect((await rest('GET', '/queue-status', { key: 'vt_forged' })).status).toBe(401);
    expect((await rest('GET', '/queue-status', { key: tunKey })).status).toBe(403);
  });
});
