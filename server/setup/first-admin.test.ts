import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { getSetting } from '@/db/queries/settings';
import { appSettings, auditLog, users } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { FIRST_ADMIN_PASSWORD_MIN } from '@/lib/first-admin-input';
import { verifyPassword, MIN_PASSWORD_LENGTH } from '@/server/auth/password';
import { cliActor } from '@/server/auth/principal';
import { createUser } from '@/server/users/service';
import { handleFirstAdminRequest, issueSetupToken, SETUP_TOKEN_KEY, setupLink, setupTokenState } from './first-admin';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.db.delete(auditLog).where(eq(auditLog.entity, 'user'));
  await h.db.delete(users).where(eq(users.active, true));
  await h.db.delete(users).where(eq(users.active, false));
  await h.db.delete(appSettings).where(eq(appSettings.key, SETUP_TOKEN_KEY));
});

function post(body: unknown): Request {
  return new Request('http://localhost/api/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const admin = (token: string, extra: Record<string, unknown> = {}) => ({
  token,
  email: 'Chief@Example.org',
  name: 'Chief',
  password: 'a long passphrase',
  confirm: 'a long passphrase',
  locale: 'fr',
  ...extra,
});

async function counts() {
  const userRows = await h.db.select({ id: users.id }).from(users);
  const auditRows = await h.db.select({ id: auditLog.id }).from(auditLog);
  return { users: userRows.length, audit: auditRows.length };
}

describe('the one-time setup link', () => {
  it('is 32 random bytes, stored only as a hash, and new at each start while no administrator exists', async () => {
    const token = await issueSetupToken(h.db);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await getSetting(h.db, SETUP_TOKEN_KEY);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(token!);
    const next = await issueSetupToken(h.db);
    expect(next).not.toBe(token);
    expect(await setupTokenState(h.db, token)).toBe('invalid');
    expect(await setupTokenState(h.db, next)).toBe('valid');
    expect(setupLink('https://vigie.example/', next!)).toBe(`https://vigie.example/setup?token=${next}`);
  });

  it('creates the first administrator once, audited, and is used up', async () => {
    const token = (await issueSetupToken(h.db))!;
    const res = await handleFirstAdminRequest(h.db, post(admin(token)));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ email: 'chief@example.org', role: 'admin' });
    const [user] = await h.db.select().from(users).where(eq(users.email, 'chief@example.org'));
    expect(user).toMatchObject({ role: 'admin', active: true, locale: 'fr', siteId: null });
    expect(await verifyPassword(user!.passwordHash, 'a long passphrase')).toBe(true);
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.entityId, String(user!.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(['setup.first_admin', 'user.create']);
    expect(audit.every((a) => a.actorLabel === 'setup link')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('a long passphrase');
    expect(await getSetting(h.db, SETUP_TOKEN_KEY)).toBeNull();

    // The same link again: an administrator exists now.
    const again = await handleFirstAdminRequest(h.db, post(admin(token, { email: 'second@example.org' })));
    expect(again.status).toBe(409);
    expect(await setupTokenState(h.db, token)).toBe('admin_exists');
    expect((await counts()).users).toBe(1);
    // And the next start issues none.
    expect(await issueSetupToken(h.db)).toBeNull();
  });

  it('refuses a wrong, empty or missing token with 403 or 400, writing nothing', async () => {
    const token = (await issueSetupToken(h.db))!;
    const before = await counts();
    const wrong = await handleFirstAdminRequest(h.db, post(admin(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)));
    expect(wrong.status).toBe(403);
    expect((await handleFirstAdminRequest(h.db, post(admin('x'.repeat(43))))).status).toBe(403);
    expect((await handleFirstAdminRequest(h.db, post(admin('')))).status).toBe(400);
    const { token: _omitted, ...withoutToken } = admin(token);
    expect((await handleFirstAdminRequest(h.db, post(withoutToken))).status).toBe(400);
    expect(await counts()).toEqual(before);
    expect(await setupTokenState(h.db, token)).toBe('valid');
  });

  it('works with no token stored at all only by refusing (a database whose start issued none)', async () => {
    expect(await setupTokenState(h.db, 'anything')).toBe('invalid');
    expect((await handleFirstAdminRequest(h.db, post(admin('anything')))).status).toBe(403);
    expect((await counts()).users).toBe(0);
  });

  it('answers 400 with the issues for bad input, before touching the token', async () => {
    const token = (await issueSetupToken(h.db))!;
    const cases: [unknown, string][] = [
      [admin(token, { password: 'short', confirm: 'short' }), 'password'],
      [admin(token, { confirm: 'another passphrase' }), 'confirm'],
      [admin(token, { email: 'not an address' }), 'email'],
      [admin(token, { name: '   ' }), 'name'],
      [admin(token, { locale: 'de' }), 'locale'],
      [admin(token, { role: 'site_lead', email: 'x' }), 'email'],
    ];
    for (const [body, field] of cases) {
      const res = await handleFirstAdminRequest(h.db, post(body));
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { issues: { path: string[] }[] };
      expect(answer.issues.map((i) => i.path[0])).toContain(field);
    }
    expect((await handleFirstAdminRequest(h.db, post('{not json'))).status).toBe(400);
    expect((await handleFirstAdminRequest(h.db, post('null'))).status).toBe(400);
    expect((await handleFirstAdminRequest(h.db, new Request('http://localhost/api/setup'))).status).toBe(405);
    expect(await counts()).toEqual({ users: 0, audit: 0 });
    expect(await setupTokenState(h.db, token)).toBe('valid');
  });

  it('stops working once an administrator exists by any other path (the CLI)', async () => {
    const token = (await issueSetupToken(h.db))!;
    await createUser(h.db, cliActor(), { email: 'cli@example.org', name: 'CLI', role: 'admin', password: 'another passphrase' });
    expect(await setupTokenState(h.db, token)).toBe('admin_exists');
    const res = await handleFirstAdminRequest(h.db, post(admin(token)));
    expect(res.status).toBe(409);
    expect((await counts()).users).toBe(1);
  });

  it('works again when the only administrator is deactivated, with a new link', async () => {
    const first = await createUser(h.db, cliActor(), { email: 'old@example.org', name: 'Old', role: 'hq_manager', password: 'another passphrase' });
    await h.db.update(users).set({ role: 'admin', active: false }).where(eq(users.id, first.id));
    const token = (await issueSetupToken(h.db))!;
    expect(token).not.toBeNull();
    const res = await handleFirstAdminRequest(h.db, post(admin(token)));
    expect(res.status).toBe(201);
    expect(await h.db.select({ id: users.id }).from(users).where(eq(users.role, 'admin'))).toHaveLength(2);
  });

  it('answers 409 for an e-mail address another account has, and keeps the token', async () => {
    await createUser(h.db, cliActor(), { email: 'taken@example.org', name: 'HQ', role: 'hq_manager', password: 'another passphrase' });
    const token = (await issueSetupToken(h.db))!;
    const res = await handleFirstAdminRequest(h.db, post(admin(token, { email: 'taken@example.org' })));
    expect(res.status).toBe(409);
    expect(await setupTokenState(h.db, token)).toBe('valid');
    expect((await counts()).users).toBe(1);
  });

  it('lets exactly one of two simultaneous requests with the same token through', async () => {
    const token = (await issueSetupToken(h.db))!;
    const answers = await Promise.all([
      handleFirstAdminRequest(h.db, post(admin(token, { email: 'one@example.org' }))),
      handleFirstAdminRequest(h.db, post(admin(token, { email: 'two@example.org' }))),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, expect.any(Number)]);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.find((a) => a.status !== 201)!.status).toBeGreaterThanOrEqual(403);
    const admins = await h.db.select().from(users).where(eq(users.role, 'admin'));
    expect(admins).toHaveLength(1);
  });

  it('checks passwords in the browser with the same minimum as every account', () => {
    expect(FIRST_ADMIN_PASSWORD_MIN).toBe(MIN_PASSWORD_LENGTH);
  });
});
