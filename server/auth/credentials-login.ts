// Email and password sign-in: the lockout bookkeeping and the password check, apart from
// next-auth so that it can be tested against a real database.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import {
  claimLoginAttempt,
  clearLoginFailures,
  findUserByEmail,
  lockUser,
  recordSuccessfulLogin,
} from '@/db/queries/users';
import type { User } from '@/db/schema';
import { exceedsAttemptLimit, isLockedAt, lockoutEnd, outcomeOfAttempt } from './login-policy';
import { hashPassword, verifyPassword } from './password';

/** The error codes the login page knows how to explain. */
export const LOGIN_ERROR = {
  invalid: 'CredentialsSignin',
  locked: 'AccountLocked',
  inactive: 'AccountInactive',
} as const;

export type LoginResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: Date }
  | { ok: false; reason: 'inactive' };

const credentialsInput = z.object({
  email: z.string().trim().toLowerCase().min(3).max(254),
  password: z.string().min(1).max(1024),
});

let dummyHash: Promise<string> | undefined;

/**
 * Unknown e-mail addresses cost one hash verification like known ones, so that response times
 * do not reveal which addresses have accounts.
 */
async function spendVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('vigie-unknown-account');
  await verifyPassword(await dummyHash, password);
}

/** Where an attempt came from, for the audit log. */
export type AttemptOrigin = { ip?: string | null };

export async function authenticateCredentials(db: Db, credentials: unknown, now: Date = new Date(), origin: AttemptOrigin = {}): Promise<LoginResult> {
  const parsed = credentialsInput.safeParse(credentials);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;

  const user = await findUserByEmail(db, email);
  if (!user) {
    await spendVerification(password);
    return { ok: false, reason: 'invalid' };
  }
  if (isLockedAt(user.lockedUntil, now)) return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil! };

  const attempt = await claimLoginAttempt(db, user.id);
  const ip = origin.ip ?? null;
  if (exceedsAttemptLimit(attempt)) return lock(db, user, lockoutEnd(now), ip);

  const passwordOk = await verifyPassword(user.passwordHash, password);
  const outcome = outcomeOfAttempt(attempt, passwordOk, now);
  if (outcome.result === 'locked') return lock(db, user, outcome.lockedUntil, ip);
  if (outcome.result === 'invalid') {
    // The failure counter was written: the attempt is audited, so that admins see guessing.
    await insertAudit(db, {
      actorType: 'system',
      actorId: null,
      actorLabel: 'sign-in attempt',
      action: 'auth.login_failed',
      entity: 'user',
      entityId: String(user.id),
      siteId: user.siteId,
      details: { email: user.email, attemptsLeft: outcome.attemptsLeft, ip },
    });
    return { ok: false, reason: 'invalid' };
  }

  if (!user.active) {
    // The right password for a deactivated account: not a guess, so it does not count.
    await clearLoginFailures(db, user.id);
    return { ok: false, reason: 'inactive' };
  }
  await db.transaction(async (tx) => {
    await recordSuccessfulLogin(tx, user.id, now);
    await insertAudit(tx, {
      actorType: 'user',
      actorId: user.id,
      actorLabel: user.email,
      action: 'auth.login',
      entity: 'user',
      entityId: String(user.id),
      siteId: user.siteId,
      details: { ip },
    });
  });
  return { ok: true, user };
}

async function lock(db: Db, user: User, until: Date, ip: string | null): Promise<LoginResult> {
  await db.transaction(async (tx) => {
    await lockUser(tx, user.id, until);
    await insertAudit(tx, {
      actorType: 'system',
      actorId: null,
      actorLabel: 'sign-in lockout',
      action: 'auth.locked',
      entity: 'user',
      entityId: String(user.id),
      siteId: user.siteId,
      details: { email: user.email, lockedUntil: until.toISOString(), ip },
    });
  });
  return { ok: false, reason: 'locked', lockedUntil: until };
}
