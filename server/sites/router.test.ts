import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { and, desc, eq } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { Principal } from '@/server/auth/principal';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { createTestAccounts, type TestAccounts } from '@/server/users/test-accounts';

let h: DbHandle;
let a: TestAccounts;
const as = (principal?: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal }));

beforeAll(async () => {
  h = await createTestDb();
  a = await createTestAccounts(h.db);
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

  it('lets an administrator choose the wallboard’s today (local day or rolling 24 hours), audited, and refuses other values', async () => {
    const admin = as(a.principals.admin);
    expect((await admin.sites.list()).find((s) => s.code === 'TUN')?.liveWindow).toBe('day');
    await expect(as(a.principals.hq).sites.update({ id: a.sites.tun.id, liveWindow: 'rolling24' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const updated = await admin.sites.update({ id: a.sites.tun.id, liveWindow: 'rolling24' });
    expect(updated.liveWindow).toBe('rolling24');
    expect((await as(a.principals.lead).sites.list())[0]?.liveWindow).toBe('rolling24');
    const [entry] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'site.update'), eq(auditLog.entityId, String(a.sites.tun.id))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry?.details).toMatchObject({ code: 'TUN', changes: { liveWindow: { from: 'day', to: 'rolling24' } } });
    const error = await admin.sites.update({ id: a.sites.tun.id, liveWindow: 'week' as 'day' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(((error as { cause?: ZodError }).cause?.issues ?? []).map((i) => i.path.join('.'))).toEqual(['liveWindow']);
    expect((await admin.sites.list()).find((s) => s.code === 'TUN')?.liveWindow).toBe('rolling24');
    const created = await admin.sites.create({ code: 'MRU', name: 'Port Louis', country: 'MU', timezone: 'Indian/Mauritius', liveWindow: 'rolling24' });
    expect(created.liveWindow).toBe('rolling24');
    await admin.sites.update({ id: a.sites.tun.id, liveWindow: 'day' });
  });

  it('keeps a deactivated site in the admin list, flagged', async () => {
    const admin = as(a.principals.admin);
    await admin.sites.setActive({ id: a.sites.dkr.id, active: false });
    expect((await admin.sites.list()).find((s) => s.code === 'DKR')?.active).toBe(false);
    await admin.sites.setActive({ id: a.sites.dkr.id, active: true });
  });
});
