import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { createSite } from '@/server/sites/service';
import { createUser } from '@/server/users/service';
import { authenticateCredentials, type AttemptOrigin } from './credentials-login';
import { FailedSignIns } from './login-policy';
import { authorizeWith, createAuthOptions } from './options';
import { verifyPassword } from './password';
import { cliActor } from './principal';

let h: DbHandle;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  h = await createTestDb();
  const site = await createSite(h.db, cliActor(), { code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis' });
  for (const [email, role] of [
    ['ok@x.test', 'hq_manager'],
    ['locks@x.test', 'admin'],
    ['burst@x.test', 'admin'],
    ['gone@x.test', 'admin'],
    ['same@x.test', 'admin'],
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

/** The real verifier, counted: how many Argon2 hashes an attempt verified. */
function countingVerifier() {
  const counter = { calls: 0 };
  const verify = async (hash: string, password: string) => {
    counter.calls += 1;
    return verifyPassword(hash, password);
  };
  return { counter, verify };
}

/** An attempt from `ip` with its own lockout memory. */
const from = (ip: string, failures: FailedSignIns, extra: Partial<AttemptOrigin> = {}): AttemptOrigin => ({ ip, failures, ...extra });

describe('authenticateCredentials', () => {
  it('signs in with the right password, whatever the case of the address, and records it', async () => {
    const now = new Date('2025-03-10T08:00:00Z');
    const result = await authenticateCredentials(h.db, { email: '  OK@X.test ', password: PASSWORD }, now, from('192.0.2.1', new FailedSignIns()));
    expect(result.ok).toBe(true);
    const user = await row('ok@x.test');
    expect(user.lastLoginAt?.toISOString()).toBe(now.toISOString());
    const audits = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.actorId, user.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toEqual({ ip: '192.0.2.1' });
  });

  it('does the same work for every refusal: one hash verified and one audit row, for an unknown, wrong, locked or deactivated account', async () => {
    const failures = new FailedSignIns();
    const t0 = new Date('2025-03-10T10:00:00Z');
    const ip = '198.51.100.30';
    // Lock same@x.test for this address first.
    for (let i = 1; i <= 5; i++) await authenticateCredentials(h.db, { email: 'same@x.test', password: `guess ${i}` }, t0, from(ip, failures));

    const attempts = [
      { email: 'nobody@x.test', password: PASSWORD, reason: 'unknown_account' },
      { email: 'ok@x.test', password: 'wrong password', reason: 'wrong_password' },
      { email: 'same@x.test', password: PASSWORD, reason: 'locked' },
      { email: 'gone@x.test', password: PASSWORD, reason: 'inactive' },
      { email: 'x', password: PASSWORD, reason: 'malformed' },
    ] as const;
    for (const attempt of attempts) {
      const { counter, verify } = countingVerifier();
      const before = (await h.db.select({ id: auditLog.id }).from(auditLog)).length;
      const result = await authenticateCredentials(h.db, attempt, new Date('2025-03-10T10:01:00Z'), from(ip, failures, { verify }));
      expect(result, attempt.email).toEqual({ ok: false, reason: attempt.reason });
      expect(counter.calls, attempt.email).toBe(1);
      const after = await h.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      expect((await h.db.select({ id: auditLog.id }).from(auditLog)).length - before, attempt.email).toBe(1);
      expect(after[0]).toMatchObject({ action: 'auth.login_failed', actorType: 'system', details: { ip, reason: attempt.reason } });
    }
  });

  it('locks one address out of one account after 5 failures for 15 minutes, while the owner signs in from elsewhere', async () => {
    const failures = new FailedSignIns();
    const t0 = new Date('2025-03-10T09:00:00Z');
    const attacker = from('203.0.113.66', failures);
    for (let i = 1; i <= 5; i++) {
      expect(await authenticateCredentials(h.db, { email: 'locks@x.test', password: `guess ${i}` }, t0, attacker)).toEqual({ ok: false, reason: 'wrong_password' });
    }
    const user = await row('locks@x.test');
    const [lock] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.locked'), eq(auditLog.entityId, String(user.id))));
    expect(lock!.details).toEqual({ email: 'locks@x.test', lockedUntil: '2025-03-10T09:15:00.000Z', ip: '203.0.113.66' });

    // From that address, even the right password is refused until the lock ends.
    const during = new Date('2025-03-10T09:14:00Z');
    expect(await authenticateCredentials(h.db, { email: 'locks@x.test', password: PASSWORD }, during, attacker)).toEqual({ ok: false, reason: 'locked' });
    // The admin at their own desk is not kept out.
    expect((await authenticateCredentials(h.db, { email: 'locks@x.test', password: PASSWORD }, during, from('192.0.2.10', failures))).ok).toBe(true);
    // Nor is the attacker's address locked out of other accounts by this one's lock.
    expect((await authenticateCredentials(h.db, { email: 'ok@x.test', password: PASSWORD }, during, attacker)).ok).toBe(true);

    const after = new Date('2025-03-10T09:15:01Z');
    expect((await authenticateCredentials(h.db, { email: 'locks@x.test', password: PASSWORD }, after, attacker)).ok).toBe(true);
  });

  it('refuses, as locked, attempts claimed concurrently past the limit, and the right password after them', async () => {
    const failures = new FailedSignIns();
    const t0 = new Date('2025-03-10T11:00:00Z');
    const origin = from('203.0.113.67', failures);
    const guesses = Array.from({ length: 7 }, (_, i) => authenticateCredentials(h.db, { email: 'burst@x.test', password: `guess ${i}` }, t0, origin));
    const results = await Promise.all(guesses);
    expect(results.map((r) => !r.ok && r.reason).sort()).toEqual(['locked', 'locked', 'wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'wrong_password']);
    expect(await authenticateCredentials(h.db, { email: 'burst@x.test', password: PASSWORD }, t0, origin)).toEqual({ ok: false, reason: 'locked' });
  });

  it('does not count the right password of a deactivated account as a guess', async () => {
    const failures = new FailedSignIns();
    const origin = from('203.0.113.68', failures);
    for (let i = 0; i < 4; i++) expect(await authenticateCredentials(h.db, { email: 'gone@x.test', password: 'nope nope' }, new Date(), origin)).toEqual({ ok: false, reason: 'wrong_password' });
    expect(await authenticateCredentials(h.db, { email: 'gone@x.test', password: PASSWORD }, new Date(), origin)).toEqual({ ok: false, reason: 'inactive' });
    // The count started again: a fifth wrong password does not lock.
    await authenticateCredentials(h.db, { email: 'gone@x.test', password: 'nope nope' }, new Date(), origin);
    expect(await authenticateCredentials(h.db, { email: 'gone@x.test', password: PASSWORD }, new Date(), origin)).toEqual({ ok: false, reason: 'inactive' });
  });
});

describe('next-auth authorize() and callbacks', () => {
  const authorize = authorizeWith(async () => h.db);

  it('answers the user with role, site and locale on success', async () => {
    const lead = await row('lead@x.test');
    expect(await authorize({ email: 'lead@x.test', password: PASSWORD })).toEqual({
      id: String(lead.id),
      email: 'lead@x.test',
      name: 'Lead',
      role: 'site_lead',
      siteId: lead.siteId,
      locale: 'fr',
    });
  });

  it('answers null, never a code of its own, for wrong credentials, a locked and a deactivated account alike', async () => {
    expect(await authorize({ email: 'lead@x.test', password: 'not it at all' })).toBeNull();
    expect(await authorize({ email: 'nobody@x.test', password: PASSWORD })).toBeNull();
    expect(await authorize(undefined)).toBeNull();
    expect(await authorize({ email: 'gone@x.test', password: PASSWORD })).toBeNull();
    for (let i = 0; i < 5; i++) await authorize({ email: 'lead@x.test', password: `guess ${i}` });
    expect(await authorize({ email: 'lead@x.test', password: PASSWORD })).toBeNull();
    const audits = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login_failed'), inArray(auditLog.entityId, [String((await row('lead@x.test')).id)])))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audits[0]!.details).toMatchObject({ reason: 'locked' });
  });

  it('sends the browser back to a path of this site only', async () => {
    const redirect = createAuthOptions(async () => h.db).callbacks!.redirect!;
    const baseUrl = 'http://localhost:3000';
    expect(await redirect({ url: '/reports?x=1', baseUrl })).toBe('http://localhost:3000/reports?x=1');
    expect(await redirect({ url: 'http://localhost:3000/missions', baseUrl })).toBe('http://localhost:3000/missions');
    for (const url of ['/\t/evil.example', '/\\evil.example', 'https://evil.example/', '//evil.example', '/.//evil.example', '/login']) {
      expect(await redirect({ url, baseUrl }), JSON.stringify(url)).toBe('http://localhost:3000/');
    }
  });
});
