// The live bus: in one process a publish reaches every subscriber at once (PGlite and PostgreSQL);
// on PostgreSQL two instances (two database handles, two buses) hear each other's publishes
// through NOTIFY/LISTEN, and a push on one reaches a wallboard open on the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { createSiteKey } from '@/server/keys/service';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';
import type { WallboardSnapshot } from '@/lib/live/wallboard';
import { makeSite } from '@/test/fixtures';
import { liveBus, LiveBus } from './bus';
import { LiveHub } from './hub';

let h: DbHandle;
let site: { id: number };
let key: string;

beforeAll(async () => {
  h = await createTestDb();
  site = await makeSite(h.db, { code: 'CAS', timezone: 'Africa/Casablanca', country: 'MA' });
  key = (await createSiteKey(h.db, cliActor(), { siteCode: 'CAS', name: 'pbx' })).secret;
});
afterAll(() => h.close());

/** The next value `subscribe` delivers, or 'timeout'. */
function nextChange(bus: LiveBus, timeoutMs = 2_000): Promise<number | null | 'timeout'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve('timeout');
    }, timeoutMs);
    const stop = bus.subscribe((siteId) => {
      clearTimeout(timer);
      stop();
      resolve(siteId);
    });
  });
}

function pushCalls(handle: DbHandle, records: unknown[]) {
  const req = new Request('http://vigie.test/api/v1/calls', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ records }),
  });
  return handleRest(req, (r) => contextFromRequest(r, { handle, session: async () => null }));
}

const record = (externalId: string) => ({
  externalId,
  startedAt: new Date(Date.now() - 120_000).toISOString(),
  direction: 'inbound',
  queue: 'sales',
  waitSeconds: 3,
  talkSeconds: 90,
  holdSeconds: 0,
  wrapSeconds: 10,
  abandoned: false,
});

describe('in one process', () => {
  it('a push through the REST handler wakes a subscriber with its site, once committed', async () => {
    const woken = nextChange(liveBus());
    const res = await pushCalls(h, [record('in-process-1')]);
    expect(res.status).toBe(200);
    expect(await woken).toBe(site.id);
  });

  it('a push refused as a whole wakes nobody', async () => {
    const woken = nextChange(liveBus(), 500);
    const res = await pushCalls(h, Array.from({ length: 5_001 }, (_, i) => record(`too-many-${i}`)));
    expect(res.status).toBe(413);
    expect(await woken).toBe('timeout');
  });

  it('delivers to every subscriber, and not after unsubscribing', () => {
    const bus = new LiveBus();
    const seen: (number | null)[] = [];
    const stop = bus.subscribe((id) => seen.push(id));
    bus.subscribe(() => {
      throw new Error('a broken screen');
    });
    bus.publish(3);
    stop();
    bus.publish(4);
    expect(seen).toEqual([3]);
  });
});

// PGlite locks its data directory to one process (db/lock.ts): there is no second instance to
// reach, and the bus stays in-process there (bus.ts). This block needs two handles on one server.
describe.runIf(process.env.TEST_DATABASE_URL)('across instances on one PostgreSQL', () => {
  let other: DbHandle;
  const a = new LiveBus();
  const b = new LiveBus();

  beforeAll(async () => {
    other = await openDatabase({ driver: 'postgres', url: h.url!, max: 2 });
    await a.connect(h);
    await b.connect(other);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await other.close();
  });

  it("a publish on one instance reaches the other's subscribers, and its own once", async () => {
    const atB = nextChange(b);
    const atA: (number | null)[] = [];
    const stop = a.subscribe((id) => atA.push(id));
    a.publish(site.id);
    expect(await atB).toBe(site.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop();
    expect(atA).toEqual([site.id]);
  });

  it('a push through the REST handler of instance A reaches a wallboard open on instance B within 2 s', async () => {
    // Instance A is this process's bus, joined to PostgreSQL as the server's start-up does it.
    await liveBus().connect(h);
    const hubB = new LiveHub({ db: async () => other.db, bus: b });
    try {
      const seen: WallboardSnapshot[] = [];
      const screen = await hubB.open([site.id], (s) => seen.push(s));
      const before = screen.snapshot.sites[0]!.today.offered;
      const pushedAt = Date.now();
      expect((await pushCalls(h, [record(`across-${pushedAt}`)])).status).toBe(200);
      // The snapshot B computed when the screen joined may reach its listener too: wait for a later one.
      const later = () => seen.filter((s) => s.version > screen.snapshot.version);
      while (later().length === 0 && Date.now() - pushedAt < 2_000) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(later().length, 'a snapshot on B within 2 s').toBeGreaterThan(0);
      expect(later().at(-1)!.sites[0]!.today.offered).toBe(before + 1);
      screen.close();
    } finally {
      hubB.close();
      await liveBus().close();
    }
  });
});
