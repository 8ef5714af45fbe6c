// Two `npm start` instances on one PostgreSQL database: a push answered by instance A reaches a
// wallboard stream open on instance B (LISTEN/NOTIFY, nothing else to run), and a site key's push
// allowance is one allowance whichever instance it pushes to (the token bucket lives in PostgreSQL).
//
// Like e2e/live.e2e.ts, this file runs its own servers on a fresh PostgreSQL database filled by the
// CLI, rather than the shared demo server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_STREAM_PATH, type WallboardSnapshot } from '@/lib/live/wallboard';
import { signInCookie } from '../cli/bench/provision';
import type { ServedVigie } from '../cli/bench/server-process';
import { freshDatabase, SHARED_PG } from '../test/drills/harness';
import { startOwnVigie, vigieCli } from './own-server';

const PASSWORD = 'a passphrase for two instances';
const HQ = 'hq@instances.e2e.test';
/** Generous: the promise is 2 s; the figure is printed. */
const WITHIN_MS = 10_000;
/** A low shared allowance, so that hammering it takes a moment: a burst of 6, then 6 a minute. */
const BURST = 6;

let database: Awaited<ReturnType<typeof freshDatabase>>;
let a: ServedVigie | null = null;
let b: ServedVigie | null = null;
let siteKey: string;
let hammerKey: string;

function vigie(args: string[], input?: string): string {
  return vigieCli(database.url, args, input);
}

function serve(): Promise<ServedVigie> {
  return startOwnVigie(database.url, { env: { VIGIE_PUSH_RATE_PER_MINUTE: String(BURST), VIGIE_PUSH_BURST: String(BURST) } });
}

function push(server: ServedVigie, key: string, route: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function queueStatus(waiting: number) {
  return {
    at: new Date().toISOString(),
    queues: [{ queue: 'two-instances', waiting, longestWaitSeconds: 12, agentsAvailable: 1, agentsBusy: 4, agentsWrapUp: 0, agentsAway: 0 }],
  };
}

/**
 * Reads a wallboard stream until a snapshot satisfies `wanted` or `timeoutMs` passes; answers
 * when it arrived (performance.now()) and the snapshot, or null.
 */
async function watch(
  url: string,
  cookie: string,
  ready: () => void,
  wanted: (s: WallboardSnapshot) => boolean,
  timeoutMs: number,
): Promise<{ at: number; snapshot: WallboardSnapshot } | null> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), timeoutMs);
  try {
    const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: stop.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let first = true;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return null;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        if (!block.split('\n').includes('event: snapshot') || !data) continue;
        const snapshot = JSON.parse(data) as WallboardSnapshot;
        if (first) {
          first = false;
          ready();
        }
        if (wanted(snapshot)) return { at: performance.now(), snapshot };
      }
    }
  } catch (error) {
    if (stop.signal.aborted) return null;
    throw error;
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
}

beforeAll(async () => {
  database = await freshDatabase(SHARED_PG, 'live_instances');
  vigie(['sites:add', '--code', 'TWO', '--name', 'Two instances', '--country', 'FR', '--timezone', 'Europe/Paris']);
  vigie(['sites:add', '--code', 'HAM', '--name', 'Hammered', '--country', 'TN', '--timezone', 'Africa/Tunis']);
  vigie(['users:add', '--email', HQ, '--name', 'HQ manager', '--role', 'hq_manager', '--password-stdin'], PASSWORD);
  siteKey = vigie(['keys:create', '--site', 'TWO', '--name', 'e2e']);
  hammerKey = vigie(['keys:create', '--site', 'HAM', '--name', 'e2e']);
  expect(siteKey).toMatch(/^vk_/);
  // One after the other: both migrate the same database at start-up.
  a = await serve();
  b = await serve();
}, 480_000);

afterAll(async () => {
  await Promise.all([a?.stop(5_000), b?.stop(5_000)]);
  await database?.drop();
});

describe('two instances on one PostgreSQL', () => {
  it('shows on a wallboard of instance B a push answered by instance A', async () => {
    const cookie = await signInCookie(b!.url, { email: HQ, password: PASSWORD });
    let opened: () => void = () => {};
    const streamOpen = new Promise<void>((resolve) => (opened = resolve));
    const seen = watch(
      `${b!.url}${LIVE_STREAM_PATH}?site=TWO`,
      cookie,
      () => opened(),
      (s) => s.sites.find((site) => site.code === 'TWO')?.queueNow.queues.some((q) => q.queue === 'two-instances' && q.waiting === 17) ?? false,
      WITHIN_MS + 20_000,
    );
    await streamOpen;
    const res = await push(a!, siteKey, '/api/v1/queue-status', queueStatus(17));
    expect(res.status).toBe(200);
    const committed = performance.now();
    const shown = await seen;
    expect(shown, 'the push on A never reached the wallboard on B').not.toBeNull();
    const elapsed = Math.max(0, shown!.at - committed);
    console.log(`[live-instances] a queue status pushed to A reached a wallboard on B ${Math.round(elapsed)} ms after A answered`);
    expect(elapsed).toBeLessThanOrEqual(WITHIN_MS);
  }, 60_000);

  it('gives a site key one push allowance across both instances', async () => {
    // Alternating A and B: with a limit per instance, 2 × BURST pushes would all pass.
    const statuses: number[] = [];
    for (let i = 0; i < 2 * BURST; i++) {
      const res = await push(i % 2 === 0 ? a! : b!, hammerKey, '/api/v1/queue-status', queueStatus(i));
      await res.arrayBuffer();
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    console.log(`[live-instances] ${2 * BURST} pushes alternating A and B: ${statuses.join(' ')}`);
    const accepted = statuses.filter((s) => s === 200).length;
    // The shared bucket refills at BURST a minute: a push or two may refill while the others run.
    expect(accepted).toBeGreaterThanOrEqual(BURST);
    expect(accepted).toBeLessThan(BURST + 2);
    expect(statuses.filter((s) => s === 429).length).toBe(2 * BURST - accepted);
    expect(statuses.slice(-2)).toContain(429);
  }, 60_000);
});
