// The live demo simulator against the real REST handler served over HTTP in this process, on the
// demo network seeded into a fresh database: it pushes during opening hours and not when a site is
// closed, continues exactly the day the seed drew, rotates its keys instead of piling them up, lets
// one instance simulate at a time, honours a 429's Retry-After and survives a server that is down.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A push limit of this file's own (set before the limiter is built): a burst of 12 per key, then
// one every 10 s, so that only the 429 test, which pushes on and on, reaches it.
vi.hoisted(() => {
  process.env.VIGIE_PUSH_RATE_PER_MINUTE = '6';
  process.env.VIGIE_PUSH_BURST = '12';
});
import type { DbHandle } from '@/db/client';
import { callEndMs, generateDayCalls, agentRefsOf, dayRandom } from '@/db/seed/demo-calls';
import { DEMO_SITES } from '@/db/seed/demo-network';
import { apiKeys, callRecords, queueStatusLatest, sites } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { siteDaysBetween } from '@/server/calendar/opening';
import { handleRest } from '@/server/rest/handler';
import { seedDemo } from '@/server/seed/demo';
import { demoDayOf } from '@/server/seed/demo-days';
import { readDemoNetwork } from '@/server/seed/demo-marker';
import { contextFromRequest } from '@/server/trpc/request-context';
import { SIMULATOR_KEY_NAME } from './keys';
import { DemoSimulator, demoLiveEnabled, selfUrlFromEnv, startDemoSimulator, stopDemoSimulator } from './simulator';

// The demo was seeded on Monday 16 November 2026 at 10:30 UTC, with one day of history.
const SEEDED = new Date('2026-11-16T10:30:00Z');
let clock = SEEDED;
let h: DbHandle;
let server: http.Server;
let url: string;
const requests: { path: string; auth: string; status: number; at: Date }[] = [];
const simulators: DemoSimulator[] = [];
const logs: string[] = [];

function simulator(owner: string, baseUrl = url) {
  return readDemoNetwork(h.db).then((shape) => {
    const made = new DemoSimulator(h.db, { shape: shape!, baseUrl, now: () => clock, owner, log: (m) => logs.push(m) });
    simulators.push(made);
    return made;
  });
}

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { now: SEEDED, days: 1 });
  // The REST handler as the server mounts it, behind a real HTTP listener, on the test's clock.
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = new Request(`http://vigie.test${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
      });
      void handleRest(request, (r) => contextFromRequest(r, { handle: h, session: async () => null, now: () => clock })).then(async (answer) => {
        requests.push({ path: req.url ?? '', auth: req.headers.authorization ?? '', status: answer.status, at: clock });
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 600_000);

afterAll(async () => {
  for (const s of simulators) await s.stop();
  await stopDemoSimulator();
  await new Promise<void>((r) => server?.close(() => r()));
  await h?.close();
});

async function activeSimulatorKeys() {
  const [row] = await h.db
    .select({ n: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.name, SIMULATOR_KEY_NAME), isNull(apiKeys.revokedAt)));
  return Number(row?.n ?? 0);
}

async function siteIdOf(code: string) {
  const [site] = await h.db.select({ id: sites.id }).from(sites).where(eq(sites.code, code));
  return site!.id;
}

describe('the live demo simulator', () => {
  it('runs only on the demo network and not with VIGIE_DEMO_LIVE=0', async () => {
    expect(demoLiveEnabled({})).toBe(true);
    expect(demoLiveEnabled({ VIGIE_DEMO_LIVE: '0' })).toBe(false);
    expect(await startDemoSimulator(h.db, { env: { VIGIE_DEMO_LIVE: '0' }, baseUrl: url })).toBeNull();
    const empty = await createTestDb();
    try {
      expect(await startDemoSimulator(empty.db, { env: {}, baseUrl: url })).toBeNull();
    } finally {
      await empty.close();
    }
    expect(await activeSimulatorKeys()).toBe(0);
    expect(selfUrlFromEnv({ PORT: '3100' })).toBe('http://127.0.0.1:3100');
    expect(selfUrlFromEnv({ PORT: '3100', HOST: '0.0.0.0' })).toBe('http://127.0.0.1:3100');
    expect(selfUrlFromEnv({ PORT: '3100', HOST: '10.1.2.3' })).toBe('http://10.1.2.3:3100');
    expect(selfUrlFromEnv({})).toBeNull();
  });

  it('pushes queue statuses and the calls that ended for every open site, continuing the seeded day', async () => {
    clock = new Date('2026-11-16T10:40:00Z');
    const a = await simulator('instance A');
    const report = await a.tick();
    expect(report.claimed).toBe(true);
    expect(Object.keys(report.sites).sort()).toEqual(DEMO_SITES.map((s) => s.code).sort());
    for (const [code, push] of Object.entries(report.sites)) {
      expect(push.open, code).toBe(true);
      expect(push.statuses, code).toBe(1);
    }
    expect(Object.values(report.sites).reduce((n, p) => n + p.calls, 0)).toBeGreaterThan(0);
    expect(requests.every((r) => r.status === 200)).toBe(true);
    expect(await activeSimulatorKeys()).toBe(7);
    const statuses = await h.db.select().from(queueStatusLatest);
    expect(new Set(statuses.map((s) => s.siteId)).size).toBe(7);

    // Paris's day in the database is its day as drawn, every call that ended by now and no other.
    const shape = (await readDemoNetwork(h.db))!;
    const paris = DEMO_SITES.find((s) => s.code === 'PAR')!;
    const parisId = await siteIdOf('PAR');
    const [day] = await siteDaysBetween(h.db, parisId, '2026-11-16', '2026-11-16');
    const drawn = generateDayCalls(paris, demoDayOf(day!, paris.weeklyHours, shape), { totalDays: 1, outage: false, agents: agentRefsOf(paris) }, dayRandom(shape.seed, 'PAR', '2026-11-16')).calls;
    const stored = await h.db.select({ externalId: callRecords.externalId }).from(callRecords).where(eq(callRecords.siteId, parisId));
    expect(stored.map((c) => c.externalId).sort()).toEqual(
      drawn
        .filter((c) => callEndMs(c) <= clock.getTime())
        .map((c) => c.externalId)
        .sort(),
    );
    expect(stored.length).toBeGreaterThan(20);
  });

  it('pushes nothing for a closed site, and keeps the site open around the clock going', async () => {
    // 22:30 UTC: every site has closed for the night but Antananarivo.
    clock = new Date('2026-11-16T22:30:00Z');
    const a = simulators[0]!;
    await a.tick(); // the calls that ended since 10:40
    clock = new Date('2026-11-16T22:30:05Z');
    const before = requests.length;
    const report = await a.tick();
    for (const [code, push] of Object.entries(report.sites)) {
      expect(push.open, code).toBe(code === 'TNR');
      expect(push.statuses, code).toBe(code === 'TNR' ? 1 : 0);
      if (code !== 'TNR') expect(push.calls, code).toBe(0);
    }
    expect(requests.slice(before).filter((r) => r.path.endsWith('/queue-status'))).toHaveLength(1);
  });

  it('lets one instance simulate at a time, and rotates its keys instead of piling them up', async () => {
    const a = simulators[0]!;
    const b = await simulator('instance B');
    expect((await b.tick()).claimed).toBe(false);
    expect(await activeSimulatorKeys()).toBe(7);
    await a.stop();
    clock = new Date('2026-11-16T22:31:00Z');
    const report = await b.tick();
    expect(report.claimed).toBe(true);
    expect(report.sites.TNR!.statuses).toBe(1);
    // One key per site, those of A revoked.
    expect(await activeSimulatorKeys()).toBe(7);
    const all = await h.db.select().from(apiKeys).where(eq(apiKeys.name, SIMULATOR_KEY_NAME));
    expect(all).toHaveLength(14);
    expect(all.filter((k) => k.revokedAt !== null)).toHaveLength(7);
    expect(requests.at(-1)!.status).toBe(200);
  });

  it('honours a 429: waits its Retry-After before pushing again', async () => {
    const b = simulators[1]!;
    let limited: (typeof requests)[number] | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      clock = new Date(clock.getTime() + 1000);
      await b.tick();
      limited = requests.find((r) => r.status === 429);
    }
    expect(limited).toBeDefined();
    const key = limited!.auth;
    const seen = () => requests.filter((r) => r.auth === key).length;
    const after429 = seen();
    // The limit refills one push every 10 s: Retry-After says so, and the simulator waits.
    clock = new Date(limited!.at.getTime() + 5_000);
    await b.tick();
    expect(seen()).toBe(after429);
    clock = new Date(limited!.at.getTime() + 11_000);
    await b.tick();
    expect(seen()).toBe(after429 + 1);
  });

  it('never throws when the server does not answer: it logs and tries again', async () => {
    await simulators[1]!.stop();
    const down = await simulator('instance C', 'http://127.0.0.1:1');
    clock = new Date('2026-11-16T22:35:00Z');
    const report = await down.tick();
    expect(report.claimed).toBe(true);
    expect(report.sites.TNR!.statuses).toBe(0);
    expect(logs.some((m) => m.includes('TNR') && m.includes('will retry'))).toBe(true);
    expect((await down.tick()).claimed).toBe(true);
  });
});
