import 'server-only';
// The signed-in user of the request being rendered, read once per request (React cache) and
// shared by the layout, the pages, the tRPC server caller and the i18n configuration.
import { getServerSession } from 'next-auth';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { findUserById } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { getDatabase } from '@/server/db';
import { authOptions } from './options';
import { anonymous, type Principal, type UserPrincipal } from './principal';
import { userPrincipal } from './resolve';

/** The active user behind the session cookie, or null (no session, or the user was deactivated). */
export const getSessionUser = cache(async (): Promise<User | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.userId;
  if (!userId) return null;
  const { db } = await getDatabase();
  const user = await findUserById(db, userId);
  return user?.active ? user : null;
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
