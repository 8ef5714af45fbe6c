import 'server-only';
// The signed-in user of the request being rendered, read once per request (React cache) and
// shared by the layout, the pages, the tRPC server caller and the i18n configuration; and, for the
// wallboard pages, the paired wall display whose cookie the request carries.
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDatabase } from '@/server/db';
import type { User } from '@/db/schema';
import { DISPLAY_COOKIE } from '@/server/displays/cookie';
import { displayPrincipalFromCredential } from '@/server/displays/service';
import { anonymous, type DisplayPrincipal, type Principal, type UserPrincipal } from './principal';
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

/** The paired display behind the request's display cookie (unknown, re-paired or revoked: null). */
export const getDisplayPrincipal = cache(async (): Promise<DisplayPrincipal | null> => {
  const credential = (await cookies()).get(DISPLAY_COOKIE)?.value;
  if (!credential) return null;
  const { db } = await getDatabase();
  return displayPrincipalFromCredential(db, credential, new Date());
});

/**
 * Who the request being rendered is, as the tRPC server caller sees it: the signed-in user, else a
 * paired display (which the procedures let read its wallboard only), else nobody.
 */
export const getRequestPrincipal = cache(async (): Promise<Principal> => {
  const session = await getSessionPrincipal();
  if (session.kind === 'user') return session;
  return (await getDisplayPrincipal()) ?? anonymous;
});

/**
 * For the wallboard pages (/live, /live/[code]): a signed-in user or a paired display. A screen
 * whose display was revoked or paired again goes back to the pairing page; anyone else signs in.
 */
export async function requireWallboardViewer(): Promise<UserPrincipal | DisplayPrincipal> {
  const principal = await getRequestPrincipal();
  if (principal.kind === 'user' || principal.kind === 'display') return principal;
  if ((await cookies()).has(DISPLAY_COOKIE)) redirect('/display?error=revoked');
  redirect('/login');
}
