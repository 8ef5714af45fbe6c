// Turns a request's credential (a bearer secret or a signed-in session) into a principal.
import type { Db } from '@/db/client';
import {
  findActiveSiteKeyByHash,
  findActiveUserTokenByHash,
  touchSiteKey,
  touchUserToken,
} from '@/db/queries/credentials';
import { findUserById } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { anonymous, type Principal, type UserPrincipal } from './principal';
import { hashSecret, kindOfSecret } from './secrets';

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
 * A principal for a signed-in session. The user is read again on every request so that a
 * deactivation or a change of role or site takes effect at once, not when the session expires.
 */
export async function principalFromSession(db: Db, userId: number | undefined): Promise<Principal> {
  if (!userId) return anonymous;
  const user = await findUserById(db, userId);
  if (!user || !user.active) return anonymous;
  return userPrincipal(user, 'session');
}
