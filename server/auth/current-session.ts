import 'server-only';
// The signed-in user of the request being rendered, read once per request (React cache) and
// shared by the layout, the pages, the tRPC server caller and the i18n configuration.
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDatabase } from '@/server/db';
import type { User } from '@/db/schema';
import { anonymous, type Principal, type UserPrincipal } from './principal';
import { sessionUserOf, userPrincipal } from './resolve';
import { sessionClaimsFromCookies } from './session-claims';

/**
 * The user behind the session cookie, judged as every tRPC and REST request is (resolve.ts): no
 * session, an ended one (signed out, past its lifetime, an old session version) or a deactivated
 * user is null.
 */
export const getSessionUser = cache(async (): Promise<User | null> => {
  const claims = await sessionClaimsFromCookies(await cookies());
  if (!claims) return null;
  const { db } = await getDatabase();
  return sessionUserOf(db, claims, new Date());
});

export const getSessionPrincipal = cache(async (): Promise<Principal> => {
  const user = await getSessionUser();
  return user ? userPrincipal(user, 'session') : anonymous;
});

/** For pages: the signed-in user, or a redirect to the login page. */
export async function requireSignedIn(): Promise<UserPrincipal> {
  const principal = await getSessionPrincipal();
  if (principal.kind !== 'user') redirect('/login');
  return principal;
}

/** For admin pages: others get the 404 page, so the page's existence is not revealed. */
export async function requireAdmin(): Promise<UserPrincipal> {
  const principal = await requireSignedIn();
  if (principal.role !== 'admin') notFound();
  return principal;
}
