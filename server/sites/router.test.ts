import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DbHandle } from '@/db/client';
import { siteDay, siteFeeds } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { Principal } from '@/server/auth/principal';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { createTestAccounts, type TestAccounts } from '@/server/users/test-accounts';

let h: DbHandle;
let a: TestAccounts;
// 23:30 UTC: already the 16th in Tunis (UTC+1), still the 15th in Dakar (UTC+0).
const NOW = new Date('2024-06-15T23:30:00Z');
const as = (principal?: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => NOW }));

beforeAll(async () => {
  h = await createTestDb();
  a = await createTestAccounts(h.db);
  const { tun, dkr } = a.sites;
  await h.db.insert(siteDay).values([
    // Tunis: yesterday is the 15th, the week is the 9th to the 15th.
    { siteId: tun.id, day: '2024-06-15', calls: 110, handled: 100 },
    { siteId: tun.id, day: '2024-06-14', calls: 60, handled: 50 },
    { siteId: tun.id, day: '2024-06-09', calls: 7, handled: 7 },
    { siteId: tun.id, day: '2024-06-08', calls: 999, handled: 999 }, // before the week
    { siteId: tun.id, day: '2024-06-16', calls: 999, handled: 999 }, // today, not complete
    // Dakar: yesterday is the 14th, the week is the 8th to the 14th.
    { siteId: dkr.id, day: '2024-06-15', calls: 999, handled: 999 }, // today in Dakar
    { siteId: dkr.id, day: '2024-06-14', calls: 40, handled: 30 },
    { siteId: dkr.id, day: '2024-06-08', calls: 5, handled: 4 },
  ]);
  await h.db.insert(siteFeeds).values({ siteId: tun.id, lastPushAt: new Date('2024-06-15T22:30:00Z') });
  await h.db.insert(siteFeeds).values({ siteId: dkr.id, lastPushAt: new Date('2024-06-13T08:00:00Z') });
});
afterAll(async () => {
  await h.close();
});

describe('sites.list', () => {
  it('gives HQ every site and a site lead only their own', async () => {
    expect((await as(a.principals.admin).sites.list()).map((s) => s.code)).toEqual(['DKR', 'TUN']);
    expect((await as(a.principals.hq).sites.list()).map((s) => s.code)).toEqual(['DKR', 'TUN']);
    const leadView = await as(a.principals.lead).sites.list();
    expect(leadView.map((s) => s.code)).toEqual(['TUN']);
    expect(leadView[0]?.reportDeadline).toBe('21:00');
  });

  it('refuses anonymous callers and site keys', async () => {
    await expect(as().sites.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.siteKey).sites.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('sites.glance', () => {
  it("sums each site's own yesterday and last 7 days in its time zone, with freshness", async () => {
    const glance = await as(a.principals.hq).sites.glance();
    const tun = glance.find((s) => s.code === 'TUN');
    const dkr = glance.find((s) => s.code === 'DKR');
    expect(tun).toMatchObject({
      yesterday: '2024-06-15',
      handledYesterday: 100,
      callsYesterday: 110,
      handledLast7Days: 157,
      callsLast7Days: 177,
      freshnessSeconds: 3600,
      feedStatus: 'fresh',
    });
    expect(dkr).toMatchObject({
      yesterday: '2024-06-14',
      handledYesterday: 30,
      handledLast7Days: 34,
      callsLast7Days: 45,
      feedStatus: 'stale',
    });
    expect(dkr?.lastPushAt?.toISOString()).toBe('2024-06-13T08:00:00.000Z');
  });

  it("shows a site lead only their site, and a site with no data as never pushed", async () => {
    const leadView = await as(a.principals.lead).sites.glance();
    expect(leadView.map((s) => s.code)).toEqual(['TUN']);
    await as(a.principals.admin).sites.create({ code: 'MRU', name: 'Port Louis', country: 'MU', timezone: 'Indian/Mauritius' });
    const mru = (await as(a.principals.admin).sites.glance()).find((s) => s.code === 'MRU');
    expect(mru).toMatchObject({ handledYesterday: 0, handledLast7Days: 0, lastPushAt: null, freshnessSeconds: null, feedStatus: 'never' });
  });

  it('refuses anonymous callers and site keys', async () => {
    await expect(as().sites.glance()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.siteKey).sites.glance()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('sites writes', () => {
  it('are for administrators only', async () => {
    const input = { code: 'CAS', name: 'Casablanca', country: 'MA', timezone: 'Africa/Casablanca' };
    await expect(as().sites.create(input)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.siteKey).sites.create(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.hq).sites.create(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.lead).sites.update({ id: a.sites.tun.id, name: 'Mine now' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.hq).sites.setActive({ id: a.sites.tun.id, active: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const created = await as(a.principals.admin).sites.create(input);
    expect(created.code).toBe('CAS');
  });

  it('answers bad input with BAD_REQUEST and the refused fields, a duplicate code with CONFLICT', async () => {
    const error = await as(a.principals.admin)
      .sites.create({ code: 'x', name: 'X', country: 'TN', timezone: 'Nowhere/Else' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    const cause = (error as { cause?: unknown }).cause;
    expect(cause).toBeInstanceOf(ZodError);
    expect((cause as ZodError).issues.map((i) => i.path.join('.')).sort()).toEqual(['code', 'timezone']);
    await expect(
      as(a.principals.admin).sites.create({ code: 'TUN', name: 'Tunis 2', country: 'TN', timezone: 'Africa/Tunis' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('takes a deactivated site out of the glance but keeps it in the admin list', async () => {
    const admin = as(a.principals.admin);
    await admin.sites.setActive({ id: a.sites.dkr.id, active: false });
    expect((await admin.sites.glance()).map((s) => s.code)).not.toContain('DKR');
    expect((await admin.sites.list()).find((s) => s.code === 'DKR')?.active).toBe(false);
    await admin.sites.setActive({ id: a.sites.dkr.id, active: true });
  });
});
