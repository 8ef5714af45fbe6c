import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { createSite } from '@/server/sites/service';
import { createUser } from '@/server/users/service';
import { authenticateCredentials } from './credentials-login';
import { authorizeWith, createAuthOptions } from './options';
import { cliActor } from './principal';

let h: DbHandle;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  h = await createTestDb();
  const site = await createSite(h.db, cliActor(), { code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis' });
  for (const [email, role] of [
    ['ok@x.test', 'hq_manager'],
    ['locks@x.test', 'admin'],
    ['gone@x.test', 'admin'],
  ] as const) {
    await createUser(h.db, cliActor(), { email, name: email, role, password: PASSWORD });
  }
  await createUser(h.db, cliActor(), { email: 'lead@x.test', name: 'Lead', role: 'site_lead', siteId: site.id, password: PASSWORD, locale: 'fr' });
  await h.db.update(users).set({ active: false }).where(eq(users.email, 'gone@x.test'));
});
afterAll(async () => {
  await h.close();
});

const row = async (email: string) => (await h.db.select().from(users).where(eq(users.email, email)))[0]!;

describe('authenticateCredentials', () => {
  it('signs in with the right password, whatever the case of the address, and records it', async () => {
    const now = new Date('2025-03-10T08:00:00Z');
    const result = await authenticateCredentials(h.db, { email: '  OK@X.test ', password: PASSWORD }, now);
    expect(result.ok).toBe(true);
    const user = await row('ok@x.test');
    expect(user.lastLoginAt?.toISOString()).toBe(now.toISOString());
    expect(user.failedLogins).toBe(0);
    const audits = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.actorId, user.id)));
    expect(audits).toHaveLength(1);
  });

  it('refuses a wrong password or an unknown address alike, and counts the failure', async () => {
    expect(await authenticateCredentials(h.db, { email: 'ok@x.test', password: 'wrong password' })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticateCredentials(h.db, { email: 'nobody@x.test', password: PASSWORD })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticateCredentials(h.db, { email: 'ok@x.test' })).toEqual({ ok: false, reason: 'invalid' });
    expect((await row('ok@x.test')).failedLogins).toBe(1);
    // A success resets the count.
    expect((await authenticateCredentials(h.db, { email: 'ok@x.test', password: PASSWORD })).ok).toBe(true);
    expect((await row('ok@x.test')).failedLogins).toBe(0);
  });

  it('locks the account for 15 minutes after 5 failures, even against the right password', async () => {
    const t0 = new Date('2025-03-10T09:00:00Z');
    for (let i = 1; i <= 4; i++) {
      expect(await authenticateCredentials(h.db, { email: 'locks@x.test', password: `guess ${i}` }, t0)).toEqual({ ok: false, reason: 'invalid' });
    }
    const fifth = await authenticateCredentials(h.db, { email: 'locks@x.test', password: 'guess 5' }, t0);
    expect(fifth).toEqual({ ok: false, reason: 'locked', lockedUntil: new Date('2025-03-10T09:15:00Z') });
    expect((await row('locks@x.test')).lockedUntil?.toISOString()).toBe('2025-03-10T09:15:00.000Z');

    const during = await authenticateCredentials(h.db, { email: 'locks@x.test', password: PASSWORD }, new Date('2025-03-10T09:14:00Z'));
    expect(during.ok).toBe(false);
    expect(!during.ok && during.reason).toBe('locked');

    const after = await authenticateCredentials(h.db, { email: 'locks@x.test', password: PASSWORD }, new Date('2025-03-10T09:15:01Z'));
    expect(after.ok).toBe(true);
    const user = await row('locks@x.test');
    expect(user.lockedUntil).toBeNull();
    expect(user.failedLogins).toBe(0);
    const locks = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.locked'), eq(auditLog.entityId, String(user.id))));
    expect(locks).toHaveLength(1);
  });

  it('refuses a deactivated account with the right password as inactive, a wrong one as invalid', async () => {
    expect(await authenticateCredentials(h.db, { email: 'gone@x.test', password: PASSWORD })).toEqual({ ok: false, reason: 'inactive' });
    expect(await authenticateCredentials(h.db, { email: 'gone@x.test', password: 'nope nope' })).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('next-auth authorize() and callbacks', () => {
  const authorize = authorizeWith(async () => h.db);

  it('answers the user with role, site and locale on success, null on wrong credentials', async () => {
    const lead = await row('lead@x.test');
    expect(await authorize({ email: 'lead@x.test', password: PASSWORD })).toEqual({
      id: String(lead.id),
      email: 'lead@x.test',
      name: 'Lead',
      role: 'site_lead',
      siteId: lead.siteId,
      locale: 'fr',
    });
    expect(await authorize({ email: 'lead@x.test', password: 'not it at all' })).toBeNull();
    expect(await authorize(undefined)).toBeNull();
  });

  it('throws the codes the login page explains for a locked or deactivated account', async () => {
    await expect(authorize({ email: 'gone@x.test', password: PASSWORD })).rejects.toThrow('AccountInactive');
    await h.db.update(users).set({ lockedUntil: new Date(Date.now() + 60_000) }).where(eq(users.email, 'lead@x.test'));
    await expect(authorize({ email: 'lead@x.test', password: PASSWORD })).rejects.toThrow('AccountLocked');
  });

  it('keeps userId, role, siteId and locale in the JWT and the session, for 12 hours', async () => {
    const options = createAuthOptions(async () => h.db);
    expect(options.session?.maxAge).toBe(12 * 3600);
    expect(options.session?.strategy).toBe('jwt');
    expect(options.pages?.signIn).toBe('/login');
    const user = { id: '7', email: 'a@x.test', name: 'A', role: 'site_lead', siteId: 3, locale: 'fr' };
    const jwt = options.callbacks!.jwt!;
    const token = await jwt({ token: { email: 'a@x.test' }, user, account: null } as unknown as Parameters<typeof jwt>[0]);
    expect(token).toMatchObject({ userId: 7, role: 'site_lead', siteId: 3, locale: 'fr' });
    const sessionCallback = options.callbacks!.session!;
    const session = await sessionCallback({ session: { user: { email: 'a@x.test' }, expires: '' }, token } as unknown as Parameters<
      typeof sessionCallback
    >[0]);
    expect(session.user).toMatchObject({ userId: 7, role: 'site_lead', siteId: 3, locale: 'fr' });
  });
});
