import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { Principal } from '@/server/auth/principal';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { createTestAccounts, type TestAccounts } from './test-accounts';

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

describe('users.me and users.setMyLocale', () => {
  it('describe the caller with their site, for any signed-in user', async () => {
    expect(await as(a.principals.lead).users.me()).toMatchObject({
      email: 'lead.tun@x.test',
      role: 'site_lead',
      site: { code: 'TUN', name: 'Tunis' },
    });
    expect((await as(a.principals.hq).users.me()).site).toBeNull();
    await expect(as().users.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.siteKey).users.me()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("stores the caller's language on their own account only, and audits it", async () => {
    expect(await as(a.principals.lead).users.setMyLocale({ locale: 'fr' })).toEqual({ locale: 'fr' });
    const list = await as(a.principals.admin).users.list();
    expect(list.find((u) => u.id === a.users.lead.id)?.locale).toBe('fr');
    expect(list.find((u) => u.id === a.users.hq.id)?.locale).toBe('en');
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'user.set_locale'));
    expect(entry).toMatchObject({ actorId: a.users.lead.id, entityId: String(a.users.lead.id) });
    await expect(as(a.principals.lead).users.setMyLocale({ locale: 'de' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(as().users.setMyLocale({ locale: 'fr' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('users administration', () => {
  it('lists users with their site for administrators, never their password hash', async () => {
    const list = await as(a.principals.admin).users.list();
    expect(list.map((u) => u.email).sort()).toEqual(['admin@x.test', 'hq@x.test', 'lead.tun@x.test']);
    expect(list.find((u) => u.role === 'site_lead')).toMatchObject({ siteCode: 'TUN' });
    expect(JSON.stringify(list)).not.toContain('argon2');
  });

  it('is closed to everybody else', async () => {
    await expect(as().users.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.siteKey).users.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.hq).users.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.lead).users.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const input = { email: 'new@x.test', name: 'New', role: 'admin', password: 'long enough' };
    await expect(as(a.principals.hq).users.create(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.lead).users.resetPassword({ id: a.users.admin.id, password: 'taken over!' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(as(a.principals.hq).users.setActive({ id: a.users.admin.id, active: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets an administrator create, edit, deactivate and reset a user', async () => {
    const admin = as(a.principals.admin);
    const created = await admin.users.create({ email: 'cas@x.test', name: 'Karim', role: 'site_lead', siteId: a.sites.dkr.id, password: 'long enough' });
    const edited = await admin.users.update({ id: created.id, name: 'Karim B.', locale: 'fr' });
    expect(edited).toMatchObject({ name: 'Karim B.', locale: 'fr', siteId: a.sites.dkr.id });
    expect((await admin.users.setActive({ id: created.id, active: false })).active).toBe(false);
    expect(await admin.users.resetPassword({ id: created.id, password: 'another long one' })).toEqual({ ok: true });
    const actions = (await h.db.select().from(auditLog).where(eq(auditLog.entityId, String(created.id)))).map((e) => e.action);
    // A deactivation and a new password each end the user's sessions and tokens (server/users/sessions.ts).
    expect(actions).toEqual(['user.create', 'user.update', 'user.deactivate', 'auth.sessions_ended', 'user.reset_password', 'auth.sessions_ended']);
  });

  it('answers a duplicate e-mail with CONFLICT and a lead without site with BAD_REQUEST', async () => {
    const admin = as(a.principals.admin);
    await expect(admin.users.create({ email: 'hq@x.test', name: 'Dup', role: 'hq_manager', password: 'long enough' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(admin.users.create({ email: 'x@x.test', name: 'X', role: 'site_lead', password: 'long enough' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
