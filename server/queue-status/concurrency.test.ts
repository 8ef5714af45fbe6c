// Pushes of one site arriving at once, in any order: none fails, and each queue ends with the
// newest status and each minute with its last one, whatever the order they committed in.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { queueStatusLatest, queueStatusMinutes } from '@/db/schema';
import { cliActor } from '@/server/auth/principal';
import { makeSite } from '@/test/fixtures';
import { pushQueueStatus } from './service';

let h: DbHandle;
let site: { id: number };
const now = new Date('2026-11-02T09:10:00Z');
const QUEUES = ['billing', 'claims', 'sales', 'support', 'vip'];

beforeAll(async () => {
  h = await createTestDb();
  site = await makeSite(h.db, { code: 'DKR', timezone: 'Africa/Dakar' });
});
afterAll(() => h.close());

it('keeps the newest status of each queue and the last of each minute when 30 pushes race, queues in any order', async () => {
  const pushes = Array.from({ length: 30 }, (_, i) => {
    const at = new Date(Date.parse('2026-11-02T09:00:00Z') + i * 17_000);
    // Each push lists the queues in its own order.
    const order = QUEUES.map((q, k) => QUEUES[(k + i) % QUEUES.length]!).reverse();
    return { at, queues: (i % 2 ? order : [...order].reverse()).map((queue) => ({ queue, waiting: i, longestWaitSeconds: i, agentsAvailable: 1, agentsBusy: 1, agentsWrapUp: 0, agentsAway: 0 })) };
  });
  const shuffled = [...pushes].sort((a, b) => ((a.at.getTime() * 7919) % 31) - ((b.at.getTime() * 7919) % 31));
  await Promise.all(shuffled.map((p) => pushQueueStatus(h.db, { siteId: site.id, actor: cliActor(), now, body: { at: p.at.toISOString(), queues: p.queues } })));

  const latest = await h.db.select().from(queueStatusLatest).where(eq(queueStatusLatest.siteId, site.id));
  expect(latest.map((r) => [r.queue, r.waiting]).sort()).toEqual(QUEUES.map((q) => [q, 29]));
  const minutes = await h.db.select().from(queueStatusMinutes).where(eq(queueStatusMinutes.siteId, site.id));
  const expected = new Map<string, number>();
  for (const [i, p] of pushes.entries()) expected.set(new Date(Math.floor(p.at.getTime() / 60_000) * 60_000).toISOString(), i);
  expect(minutes).toHaveLength(expected.size * QUEUES.length);
  for (const m of minutes) expect(m.waiting, `${m.queue} ${m.minute.toISOString()}`).toBe(expected.get(m.minute.toISOString()));
});
