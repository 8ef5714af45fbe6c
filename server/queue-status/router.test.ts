// The app's queue-status procedures through createCaller: a site's day by the minute between the
// bounds of its local day (computed in TypeScript, across a change to summer time), the latest per
// queue, and who may read which site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { cliActor, type Principal } from '@/server/auth/principal';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { makePrincipal, makeSite, siteKeyPrincipal, trpcCode } from '@/test/fixtures';
import { pushQueueStatus } from './service';

let h: DbHandle;
let par: { id: number };
let dkr: { id: number };
let hq: Principal;
let leadPar: Principal;
const now = new Date('2026-03-30T08:00:00Z');

const status = (queue: string, waiting: number) => ({
  queue,
  waiting,
  longestWaitSeconds: 30,
  agentsAvailable: 2,
  agentsBusy: 5,
  agentsWrapUp: 1,
  agentsAway: 0,
});

const caller = (principal: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => now }));

async function push(siteId: number, at: string, queues = [status('billing', 1)]) {
  return pushQueueStatus(h.db, { siteId, actor: cliActor(), now, body: { at, queues } });
}

beforeAll(async () => {
  h = await createTestDb();
  par = await makeSite(h.db, { code: 'PAR', name: 'Paris Bercy', country: 'FR', timezone: 'Europe/Paris' });
  dkr = await makeSite(h.db, { code: 'DKR', name: 'Dakar Plateau', country: 'SN', timezone: 'Africa/Dakar' });
  hq = await makePrincipal(h.db, 'hq_manager');
  leadPar = await makePrincipal(h.db, 'site_lead', par.id);
  // Paris changes to summer time on 2026-03-29: its local day runs from 23:00Z on the 28th to 22:00Z on the 29th.
  await push(par.id, '2026-03-28T22:59:30Z', [status('billing', 1)]); // 23:59:30 on the 28th, Paris time
  await push(par.id, '2026-03-28T23:00:10Z', [status('billing', 2), status('sales', 7)]); // 00:00:10 on the 29th
  await push(par.id, '2026-03-28T23:00:40Z', [status('billing', 3)]); // same minute, later
  await push(par.id, '2026-03-29T21:59:59Z', [status('billing', 4)]); // 23:59:59 on the 29th (UTC+2)
  await push(par.id, '2026-03-29T22:00:00Z', [status('billing', 5)]); // 00:00 on the 30th
  await push(dkr.id, '2026-03-29T10:00:00Z', [status('support', 9)]);
});
afterAll(() => h.close());

describe('queueStatus.history', () => {
  it("returns a site's minutes within its local day, one row per queue and minute, the last status of each", async () => {
    const day = await caller(hq).queueStatus.history({ site: 'PAR', date: '2026-03-29' });
    expect({ from: day.from, to: day.to, timezone: day.timezone }).toEqual({
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
      timezone: 'Europe/Paris',
    });
    expect(day.minutes.map((m) => [m.minute, m.queue, m.waiting])).toEqual([
      ['2026-03-28T23:00:00.000Z', 'billing', 3],
      ['2026-03-28T23:00:00.000Z', 'sales', 7],
      ['2026-03-29T21:59:00.000Z', 'billing', 4],
    ]);
    const before = await caller(hq).queueStatus.history({ site: 'PAR', date: '2026-03-28' });
    expect(before.minutes.map((m) => [m.minute, m.waiting])).toEqual([['2026-03-28T22:59:00.000Z', 1]]);
  });

  it("lets a lead read their own site's day, and answers NOT_FOUND for another site or an unknown code", async () => {
    expect((await caller(leadPar).queueStatus.history({ site: 'PAR', date: '2026-03-29' })).minutes).toHaveLength(3);
    expect(await trpcCode(() => caller(leadPar).queueStatus.history({ site: 'DKR', date: '2026-03-29' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(hq).queueStatus.history({ site: 'XYZ', date: '2026-03-29' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller({ kind: 'anonymous' }).queueStatus.history({ site: 'PAR', date: '2026-03-29' }))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(siteKeyPrincipal(par.id)).queueStatus.history({ site: 'PAR', date: '2026-03-29' }))).toBe('FORBIDDEN');
  });

  it('refuses a day that is not a date', async () => {
    for (const date of ['2026-02-30', '2026-3-29', 'today']) {
      expect(await trpcCode(() => caller(hq).queueStatus.history({ site: 'PAR', date })), date).toBe('BAD_REQUEST');
    }
  });
});

describe('queueStatus.latest', () => {
  it('gives HQ every site and a lead their own, each queue with its last status flagged stale as of now', async () => {
    const all = await caller(hq).queueStatus.latest({});
    expect(all.sites.map((s) => [s.code, s.queues.map((q) => [q.queue, q.waiting, q.stale])])).toEqual([
      ['DKR', [['support', 9, true]]],
      ['PAR', [['billing', 5, true], ['sales', 7, true]]],
    ]);
    const own = await caller(leadPar).queueStatus.latest({});
    expect(own.sites.map((s) => s.code)).toEqual(['PAR']);
    expect(await trpcCode(() => caller(leadPar).queueStatus.latest({ site: 'DKR' }))).toBe('FORBIDDEN');
  });

  it('a push is judged against the server clock: a status from the future is refused, nothing written', async () => {
    const error = await push(par.id, '2026-03-30T08:06:00Z').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await caller(hq).queueStatus.latest({ site: 'PAR' })).sites[0]!.queues.find((q) => q.queue === 'billing')!.waiting).toBe(5);
  });
});
