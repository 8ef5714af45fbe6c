import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DbHandle } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { authenticateCredentials } from '@/server/auth/credentials-login';
import { actorOf, cliActor } from '@/server/auth/principal';
import { principalFromSession } from '@/server/auth/resolve';
import { setSiteActive } from '@/server/sites/service';
import { resetPassword, setUserActive, updateUser, createUser } from './service';
import { createTestAccounts, sessionClaimsFor, TEST_PASSWORD, type TestAccounts } from './test-accounts';
import { failureOf } from '@/test/fixtures';

let h: DbHandle;
let a: TestAccounts;

beforeAll(async () => {
  h = await createTestDb();
  a = await createTestAccounts(h.db);
});
afterAll(async () => {
  await h.close();
});

async function zodPaths(run: () => Promise<unknown>): Promise<string[]> {
  return (await failureOf(run, ZodError)).issues.map((issue) => issue.path.join('.'));
}

describe('user service', () => {
  it('creates a site lead by site code (as the CLI does), hashing the password and auditing without it', async () => {
    const user = await createUser(h.db, cliActor(), {
      email: 'Lead.DKR@X.test',
      name: 'Diallo',
      role: 'site_lead',
      siteCode: 'dkr',
      password: 'a-long-password',
      locale: 'FR',
    });
    expect(user).toMatchObject({ email: 'lead.dkr@x.test', role: 'site_lead', siteId: a.sites.dkr.id, locale: 'fr' });
    expect(user).not.toHaveProperty('passwordHash');
    const [stored] = await h.db.select().from(users).where(eq(users.id, user.id));
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.entityId, String(user.id)));
    expect(entry).toMatchObject({ action: 'user.create', actorType: 'cli' });
    expect(JSON.stringify(entry?.details)).not.toContain('a-long-password');
  });

  it('requires a site for a site lead and none for HQ roles', async () => {
    const base = { name: 'N', password: 'long enough' };
    expect(await zodPaths(() => createUser(h.db, cliActor(), { ...base, email: 'l1@x.test', role: 'site_lead' }))).toEqual(['siteId']);
    expect(
      await zodPaths(() => createUser(h.db, cliActor(), { ...base, email: 'h1@x.test', role: 'hq_manager', siteCode: 'TUN' })),
    ).toEqual(['siteId']);
    await expect(createUser(h.db, cliActor(), { ...base, email: 'l2@x.test', role: 'site_lead', siteCode: 'NOPE' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses a bad e-mail, role, language or short password', async () => {
    const paths = await zodPaths(() =>
      createUser(h.db, cliActor(), { email: 'not-an-address', name: 'N', role: 'boss', password: 'short', locale: 'de' }),
    );
    expect(paths.sort()).toEqual(['email', 'locale', 'password', 'role']);
  });

  it('refuses a duplicate e-mail address as a conflict, whatever its case', async () => {
    await expect(
      createUser(h.db, cliActor(), { email: 'HQ@x.test', name: 'Copy', role: 'hq_manager', password: 'long enough' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses to assign a lead to a deactivated site', async () => {
    const gone = await setSiteActive(h.db, cliActor(), { id: a.sites.dkr.id, active: false });
    await expect(
      createUser(h.db, cliActor(), { email: 'l3@x.test', name: 'N', role: 'site_lead', siteId: gone.id, password: 'long enough' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await setSiteActive(h.db, cliActor(), { id: a.sites.dkr.id, active: true });
  });

  it('moves a lead to HQ (dropping the site) and back to a site', async () => {
    const admin = actorOf(a.principals.admin);
    const moved = await updateUser(h.db, admin, { id: a.users.lead.id, role: 'hq_manager' });
    expect(moved).toMatchObject({ role: 'hq_manager', siteId: null });
    const back = await updateUser(h.db, admin, { id: a.users.lead.id, role: 'site_lead', siteId: a.sites.tun.id, name: 'Leila B.' });
    expect(back).toMatchObject({ role: 'site_lead', siteId: a.sites.tun.id, name: 'Leila B.' });
  });

  it('keeps at least one active administrator, and an admin cannot deactivate or demote themselves', async () => {
    const self = actorOf(a.principals.admin);
    await expect(setUserActive(h.db, self, { id: a.users.admin.id, active: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateUser(h.db, self, { id: a.users.admin.id, role: 'hq_manager' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setUserActive(h.db, cliActor(), { id: a.users.admin.id, active: false })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('signs a deactivated user out at once, for good: a reactivated user signs in again', async () => {
    const admin = actorOf(a.principals.admin);
    const now = new Date();
    const session = await sessionClaimsFor(h.db, a.users.hq.id, now);
    expect((await principalFromSession(h.db, session, now)).kind).toBe('user');
    await setUserActive(h.db, admin, { id: a.users.hq.id, active: false });
    expect((await principalFromSession(h.db, session, now)).kind).toBe('anonymous');
    await setUserActive(h.db, admin, { id: a.users.hq.id, active: true });
    expect((await principalFromSession(h.db, session, now)).kind).toBe('anonymous');
    expect((await principalFromSession(h.db, await sessionClaimsFor(h.db, a.users.hq.id, now), now)).kind).toBe('user');
  });

  it('resets a password, which lifts a lockout and replaces the old password', async () => {
    await h.db.update(users).set({ lockedUntil: new Date(Date.now() + 600_000), failedLogins: 3 }).where(eq(users.id, a.users.hq.id));
    await expect(resetPassword(h.db, actorOf(a.principals.admin), { id: a.users.hq.id, password: 'short' })).rejects.toBeInstanceOf(ZodError);
    await resetPassword(h.db, actorOf(a.principals.admin), { id: a.users.hq.id, password: 'brand new secret' });
    expect((await authenticateCredentials(h.db, { email: 'hq@x.test', password: TEST_PASSWORD })).ok).toBe(false);
    expect((await authenticateCredentials(h.db, { email: 'hq@x.test', password: 'brand new secret' })).ok).toBe(true);
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'user.reset_password'));
    expect(entry).toMatchObject({ actorType: 'user', actorId: a.users.admin.id, entityId: String(a.users.hq.id) });
  });
});
