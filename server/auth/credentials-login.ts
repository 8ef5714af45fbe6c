// Email and password sign-in: the password check and the lockout bookkeeping, apart from next-auth
// so that it can be tested against a real database.
//
// Every refusal looks the same from outside and costs the same: an unknown address, a wrong
// password, a locked account and a deactivated one all verify one Argon2 hash (a dummy one when
// there is no account), write one audit row and answer the one error code, so neither the answer
// nor its timing tells whether an account exists, is locked or is deactivated. The reason is kept
// for the audit log, which only admins read.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { findUserByEmail, recordSuccessfulLogin } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { exceedsAttemptLimit, FailedSignIns, outcomeOfAttempt } from './login-policy';
import { hashPassword, verifyPassword } from './password';

/** The one error code of a refused sign-in, whatever the reason (next-auth's own for wrong credentials). */
export const LOGIN_ERROR = 'CredentialsSignin';

/** Why a sign-in was refused: for the audit log only, never for the caller. */
export type LoginFailure = 'malformed' | 'unknown_account' | 'wrong_password' | 'locked' | 'inactive';

export type LoginResult = { ok: true; user: User } | { ok: false; reason: LoginFailure };

const credentialsInput = z.object({
  email: z.string().trim().toLowerCase().min(3).max(254),
  password: z.string().min(1).max(1024),
});

let dummyHash: Promise<string> | undefined;

/** A hash of no one's password, verified when there is no account so that the work is the same. */
function unknownAccountHash(): Promise<string> {
  dummyHash ??= hashPassword('vigie-unknown-account');
  return dummyHash;
}

/** Failures per account and address, for this server instance. */
export const failedSignIns = new FailedSignIns();

/** Where an attempt came from, and the parts a test may hand in (its own lockout memory, a counting verifier). */
export type AttemptOrigin = {
  ip?: string | null;
  failures?: FailedSignIns;
  verify?: (passwordHash: string, password: string) => Promise<boolean>;
};

export async function authenticateCredentials(db: Db, credentials: unknown, now: Date = new Date(), origin: AttemptOrigin = {}): Promise<LoginResult> {
  const ip = origin.ip ?? null;
  const failures = origin.failures ?? failedSignIns;
  const verify = origin.verify ?? verifyPassword;

  const parsed = credentialsInput.safeParse(credentials);
  const email = parsed.success ? parsed.data.email : null;
  const password = parsed.success ? parsed.data.password : '';
  const user = email === null ? null : await findUserByEmail(db, email);
  // Claimed before the (slow) check, so that concurrent guesses are numbered one by one.
  const claim = user ? failures.claim(user.id, ip, now) : null;
  const passwordOk = await verify(user?.passwordHash ?? (await unknownAccountHash()), password);

  if (!user || !claim) return refuse(db, { reason: email === null ? 'malformed' : 'unknown_account', email, ip });
  if ('lockedUntil' in claim) return refuse(db, { reason: 'locked', email, ip, user, details: { lockedUntil: claim.lockedUntil.toISOString() } });
  if (exceedsAttemptLimit(claim.attempt)) {
    // Claimed alongside the attempt that locked: refused as locked, whatever its password.
    return refuse(db, { reason: 'locked', email, ip, user, details: { concurrent: true } });
  }

  const outcome = outcomeOfAttempt(claim.attempt, passwordOk, now);
  if (outcome.result === 'locked') {
    failures.lock(user.id, ip, outcome.lockedUntil);
    return refuse(db, { reason: 'wrong_password', email, ip, user, lockedUntil: outcome.lockedUntil });
  }
  if (outcome.result === 'invalid') return refuse(db, { reason: 'wrong_password', email, ip, user, details: { attemptsLeft: outcome.attemptsLeft } });

  // The right password: not a guess, so it does not count, even for a deactivated account.
  failures.clear(user.id, ip);
  if (!user.active) return refuse(db, { reason: 'inactive', email, ip, user });
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

type Refusal = {
  reason: LoginFailure;
  email: string | null;
  ip: string | null;
  user?: User;
  /** Set when this failure locked the address out of the account. */
  lockedUntil?: Date;
  details?: Record<string, unknown>;
};

/** One audit row per refused attempt (two when it locks), so that admins see guessing and every refusal costs one write. */
async function refuse(db: Db, refusal: Refusal): Promise<LoginResult> {
  const { reason, email, ip, user, lockedUntil } = refusal;
  await db.transaction(async (tx) => {
    await insertAudit(tx, {
      actorType: 'system',
      actorId: null,
      actorLabel: 'sign-in attempt',
      action: 'auth.login_failed',
      entity: 'user',
      entityId: user ? String(user.id) : null,
      siteId: user?.siteId ?? null,
      details: { email, ip, reason, ...refusal.details },
    });
    if (user && lockedUntil) {
      await insertAudit(tx, {
        actorType: 'system',
        actorId: null,
        actorLabel: 'sign-in lockout',
        action: 'auth.locked',
        entity: 'user',
        entityId: String(user.id),
        siteId: user.siteId,
        details: { email: user.email, lockedUntil: lockedUntil.toISOString(), ip },
      });
    }
  });
  return { ok: false, reason };
}
