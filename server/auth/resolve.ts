// Turns a request's credential (a bearer secret or a signed-in session) into a principal.
import type { Db } from '@/db/client';
import {
  findActiveSiteKeyByHash,
  findActiveUserTokenByHash,
  touchSiteKey,
  touchUserToken,
} from '@/db/queries/credentials';
import { findSessionUser } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { anonymous, type Principal, type UserPrincipal } from './principal';
import { hashSecret, kindOfSecret } from './secrets';
import { withinLifetime, type SessionClaims } from './session-claims';

export function userPrincipal(user: User, via: 'session' | 'token', tokenId?: number): UserPrincipal {
  return {
    kind: 'user',
    via,
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    siteId: user.siteId,
    locale: user.locale,
    ...(tokenId === undefined ? {} : { tokenId }),
  };
}

/** The bearer secret of an Authorization header, or null when there is none. */
export function bearerOf(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** A principal for a bearer secret; anonymous when the secret is unknown, revoked or malformed. */
export async function principalFromSecret(db: Db, secret: string): Promise<Principal> {
  const kind = kindOfSecret(secret);
  if (!kind || secret.length > 200) return anonymous;
  const hash = hashSecret(secret);
  if (kind === 'site_key') {
    const key = await findActiveSiteKeyByHash(db, hash);
    if (!key) return anonymous;
    await touchSiteKey(db, key.id);
    return { kind: 'site_key', keyId: key.id, keyName: key.name, siteId: key.siteId };
  }
  const token = await findActiveUserTokenByHash(db, hash);
  if (!token) return anonymous;
  await touchUserToken(db, token.tokenId);
  return userPrincipal(token.user, 'token', token.tokenId);
}

/**
 * A principal for a signed-in session. The user is read again on every request (one lookup by
 * primary key) so that a deactivation, a change of role or site, a new password or a sign-out
 * everywhere (each bumps the user's session version) and this session's own sign-out take effect
 * at once, not when the cookie expires. Past its absolute lifetime a session is no session.
 */
export async function principalFromSession(db: Db, claims: SessionClaims | null, now: Date): Promise<Principal> {
  const user = await sessionUserOf(db, claims, now);
  return user ? userPrincipal(user, 'session') : anonymous;
}

/** The active user of a live session, or null. */
export async function sessionUserOf(db: Db, claims: SessionClaims | null, now: Date): Promise<User | null> {
  if (!claims || !withinLifetime(claims, now)) return null;
  const found = await findSessionUser(db, claims.userId, claims.sessionId);
  if (!found || found.ended) return null;
  const { user } = found;
  return user.active && user.sessionVersion === claims.sessionVersion ? user : null;
}
