// Ending sessions on the server. A user's sessions all end when their session version moves on
// (every request compares it: server/auth/resolve.ts); their personal tokens are revoked at the
// same time, so that nothing minted from a stolen session outlives it. One session ends alone
// when it signs out (next-auth's signOut event).
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { revokeAllUserTokens } from '@/db/queries/credentials';
import { bumpSessionVersion, insertEndedSession } from '@/db/queries/users';
import type { User } from '@/db/schema';
import type { Actor } from '@/server/auth/principal';
import { sessionDeadline, type SessionClaims } from '@/server/auth/session-claims';
import { notFound } from '@/server/errors';

export type SessionsEndReason =
  | 'sign_out_everywhere'
  | 'password_reset'
  | 'password_change'
  | 'role_change'
  | 'site_change'
  | 'deactivation';

/**
 * Ends every session of the user and revokes their personal tokens, in the caller's transaction
 * (so that the change that called for it and the ending commit together), audited with the tokens
 * it revoked.
 */
export async function endSessionsOf(
  tx: Db,
  actor: Actor,
  user: Pick<User, 'id' | 'email' | 'siteId'>,
  reason: SessionsEndReason,
  now: Date = new Date(),
): Promise<{ revokedTokens: number }> {
  const version = await bumpSessionVersion(tx, user.id);
  if (version === null) throw notFound('User');
  const revoked = await revokeAllUserTokens(tx, user.id, now);
  await insertAudit(tx, {
    ...actor,
    action: 'auth.sessions_ended',
    entity: 'user',
    entityId: String(user.id),
    siteId: user.siteId,
    details: { email: user.email, reason, revokedTokens: revoked.map((t) => ({ id: t.id, name: t.name })) },
  });
  return { revokedTokens: revoked.length };
}

/** The "sign out everywhere" of the user menu: every browser, this one included, and every token. */
export async function signOutEverywhere(db: Db, actor: Actor, user: Pick<User, 'id' | 'email' | 'siteId'>, now: Date = new Date()) {
  return db.transaction((tx) => endSessionsOf(tx, actor, user, 'sign_out_everywhere', now));
}

/**
 * Ends the one session that signed out, until it would have expired anyway: its cookie, kept or
 * copied elsewhere, is refused from now on. Sessions elsewhere go on.
 */
export async function endSession(db: Db, claims: SessionClaims, user: Pick<User, 'email' | 'siteId'>, now: Date = new Date()) {
  await db.transaction(async (tx) => {
    await insertEndedSession(tx, { sessionId: claims.sessionId, userId: claims.userId, expiresAt: sessionDeadline(claims) }, now);
    await insertAudit(tx, {
      actorType: 'user',
      actorId: claims.userId,
      actorLabel: user.email,
      action: 'auth.logout',
      entity: 'user',
      entityId: String(claims.userId),
      siteId: user.siteId,
      details: {},
    });
  });
}
