// The live path end to end in one process, on a real database (PGlite, and PostgreSQL with
// TEST_DATABASE_URL): a push through the REST handler wakes the bus and reaches an open stream as
// a new snapshot; the stream's errors come as JSON before it starts; a burst of changes becomes
// few recomputations; a closed screen leaves no subscriber behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { cliActor, type Principal } from '@/server/auth/principal';
import { createSiteKey } from '@/server/keys/service';
import { handleRest } from '@/server/rest/handler';
import { createInnerContext } from '@/server/trpc/init';
import { contextFromRequest } from '@/server/trpc/request-context';
import type { WallboardSnapshot } from '@/lib/live/wallboard';
import { makePrincipal, makeSite, siteKeyPrincipal } from '@/test/fixtures';
import { liveBus, LiveBus } from './bus';
import { LiveHub } from './hub';
import { handleLiveStream, RECONNECT_MS } from './stream';
import { SseReader } from './testing';

let h: DbHandle;
let tun: { id: number };
let dkr: { id: number };
let tunKey: string;
let hub: LiveHub;

beforeAll(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', timezone: 'Africa/Tunis' });
  dkr = await makeSite(h.db, { code: 'DKR', timezone: 'Africa/Dakar', country: 'SN' });
  tunKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'pbx' })).secret;
  hub = new LiveHub({ db: async () => h.db, bus: liveBus() });
});
afterAll(async () => {
  hub.close();
  await h.close();
});

function open(principal: Principal, query = '', init: { signal?: AbortSignal; headers?: Record<string, string>; heartbeatMs?: number } = {}) {
  const req = new Request(`http://vigie.test/api/live/stream${query}`, { signal: init.signal, headers: init.headers });
  return handleLiveStream(req, { createContext: async () => createInnerContext({ db: h.db, driver: h.driver, principal }), hub, heartbeatMs: init.heartbeatMs });
}

async function rest(path: string, body: unknown) {
  const req = new Request(`http://vigie.test/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tunKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null }));
}

const callAt = (externalId: string, startedAt: Date) => ({
  externalId,
  startedAt: startedAt.toISOString(),
  direction: 'inbound',
  queue: 'billing',
  waitSeconds: 8,
  talkSeconds: 180,
  holdSeconds: 0,
  wrapSeconds: 30,
  abandoned: false,
});

describe('GET /api/live/stream', () => {
  it('answers JSON errors before any stream: 401 anonymous, 403 a site key or a lead on another site, 404 an unknown code', async () => {
    const anonymous = await open({ kind: 'anonymous' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/application\/json/);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await open(siteKeyPrincipal(tun.id))).status).toBe(403);
    const lead = await makePrincipal(h.db, 'site_lead', tun.id);
    expect((await open(lead, '?site=DKR')).status).toBe(403);
    expect((await open(await makePrincipal(h.db, 'hq_manager'), '?site=TUN&site=NOPE')).status).toBe(404);
    expect(hub.stats().screens).toBe(0);
  });

  it('sends retry, a snapshot at once, then a new snapshot within 2 s of a push through the REST API', async () => {
    const abort = new AbortController();
    const res = await open(await makePrincipal(h.db, 'hq_manager'), '?site=TUN', { signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = new SseReader(res.body!);
    expect((await reader.next())!.retry).toBe(String(RECONNECT_MS));
    const first = await reader.nextSnapshot<WallboardSnapshot>();
    expect(first!.id).toBe(String(first!.data.version));
    expect(first!.data.siteCodes).toEqual(['TUN']);
    const before = first!.data.sites[0]!.today.offered;

    const now = Date.now();
    const pushed = await rest('/calls', { records: [callAt(`s-${now}`, new Date(now - 60_000))] });
    expect(pushed.status).toBe(200);
    // The answer comes once the push is committed: the screen has its snapshot within 2 s of it.
    const next = await reader.nextSnapshot<WallboardSnapshot>(2_000);
    expect(next, 'a snapshot within 2 s').not.toBeNull();
    expect(Number(next!.id)).toBeGreaterThan(Number(first!.id));
    expect(next!.data.sites[0]!.today.offered).toBe(before + 1);
    expect(hub.stats()).toEqual({ scopes: 1, screens: 1 });

    abort.abort();
    await reader.cancel();
    expect(hub.stats()).toEqual({ scopes: 0, screens: 0 });
  });

  it('wakes on a queue-status push too, and not for a push that was refused', async () => {
    const abort = new AbortController();
    const reader = new SseReader((await open(await makePrincipal(h.db, 'admin'), '?site=TUN', { signal: abort.signal })).body!);
    await reader.nextSnapshot();
    const refused = await rest('/queue-status', { at: 'yesterday', queues: [] });
    expect(refused.status).toBe(400);
    expect(await reader.nextSnapshot(600)).toBeNull();
    const ok = await rest('/queue-status', {
      at: new Date().toISOString(),
      queues: [{ queue: 'billing', waiting: 4, longestWaitSeconds: 50, agentsAvailable: 1, agentsBusy: 6, agentsWrapUp: 0, agentsAway: 2 }],
    });
    expect(ok.status).toBe(200);
    const next = await reader.nextSnapshot<WallboardSnapshot>(2_000);
    expect(next!.data.sites[0]!.queueNow).toMatchObject({ waiting: 4, stale: false });
    abort.abort();
    await reader.cancel();
  });

  it('answers a reconnect with Last-Event-ID with the current snapshot at once', async () => {
    const abort = new AbortController();
    const res = await open(await makePrincipal(h.db, 'admin'), '', { signal: abort.signal, headers: { 'last-event-id': '12' } });
    const reader = new SseReader(res.body!);
    const first = await reader.nextSnapshot<WallboardSnapshot>(1_000);
    expect(Number(first!.id)).toBeGreaterThan(12);
    expect(first!.data.siteCodes).toBeNull();
    expect(first!.data.sites.map((s) => s.code)).toEqual(['DKR', 'TUN']);
    abort.abort();
    await reader.cancel();
  });

  it('keeps the connection alive with a comment when nothing changes', async () => {
    const abort = new AbortController();
    const reader = new SseReader((await open(await makePrincipal(h.db, 'admin'), '?site=DKR', { signal: abort.signal, heartbeatMs: 50 })).body!);
    await reader.nextSnapshot();
    const block = await reader.next(1_000);
    expect(block!.comment).toMatch(/^heartbeat /);
    abort.abort();
    await reader.cancel();
  });
});

describe('GET /api/live/stream, once open', () => {
  it('ends when its credential no longer holds (a revoked display), and keeps going while it does', async () => {
    let principal: Principal = { kind: 'display', displayId: 9, name: 'Hall', siteIds: [tun.id], locale: 'en' };
    const req = new Request('http://vigie.test/api/live/stream');
    const res = await handleLiveStream(req, {
      createContext: async () => createInnerContext({ db: h.db, driver: h.driver, principal }),
      hub,
      reauthoriseMs: 100,
    });
    const reader = new SseReader(res.body!);
    expect((await reader.nextSnapshot<WallboardSnapshot>())!.data.siteCodes).toEqual(['TUN']);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(hub.stats().screens).toBe(1);
    principal = { kind: 'anonymous' };
    // The stream ends: the reader reaches its end rather than a timeout.
    let ended = false;
    for (let i = 0; i < 20 && !ended; i++) ended = (await reader.next(200)) === null && hub.stats().screens === 0;
    expect(ended).toBe(true);
  });
});

describe('LiveHub', () => {
  it('shares one snapshot between the screens of a scope and turns a burst of changes into few recomputations', async () => {
    const bus = new LiveBus();
    const own = new LiveHub({ db: async () => h.db, bus, minRecomputeMs: 250 });
    const a: WallboardSnapshot[] = [];
    const b: WallboardSnapshot[] = [];
    const first = await own.open([tun.id], (s) => a.push(s));
    const second = await own.open([tun.id], (s) => b.push(s));
    expect(second.snapshot).toBe(first.snapshot);
    expect(own.stats()).toEqual({ scopes: 1, screens: 2 });

    for (let i = 0; i < 50; i++) bus.publish(tun.id);
    bus.publish(dkr.id); // another site: not this scope's business
    await new Promise((resolve) => setTimeout(resolve, 900));
    // The first change recomputes at once (or when the joining computation is 250 ms old), the
    // other 49 within the next window: one or two snapshots, never fifty. (The joining snapshot
    // may reach the first screen's listener too; screens skip versions they have.)
    const after = (list: WallboardSnapshot[]) => list.filter((s) => s.version > first.snapshot.version).map((s) => s.version);
    expect(after(a).length).toBeGreaterThanOrEqual(1);
    expect(after(a).length).toBeLessThanOrEqual(2);
    expect(after(b)).toEqual(after(a));

    first.close();
    second.close();
    expect(own.stats()).toEqual({ scopes: 0, screens: 0 });
    own.close();
  });

  it('refreshes a scope on its own now and then, so that time alone ages what it shows', async () => {
    const own = new LiveHub({ db: async () => h.db, bus: new LiveBus(), refreshMs: 100 });
    const seen: WallboardSnapshot[] = [];
    const sub = await own.open(null, (s) => seen.push(s));
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(seen.length).toBeGreaterThanOrEqual(2);
    sub.close();
    own.close();
  });
});
