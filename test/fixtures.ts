// Small builders for tests: a site, a user of each role, the principal a request would carry, and
// the error a call fails with.
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import type { Db } from '@/db/client';
import { sites, users, type NewSite, type Role } from '@/db/schema';
import type { SiteKeyPrincipal, UserPrincipal } from '@/server/auth/principal';
import { userPrincipal } from '@/server/auth/resolve';

export async function makeSite(db: Db, overrides: Partial<NewSite> & { code: string }) {
  const [site] = await db
    .insert(sites)
    .values({ name: overrides.code, country: 'TN', timezone: 'Africa/Tunis', ...overrides })
    .returning();
  return site!;
}

export async function makeUser(db: Db, role: Role, opts: { email?: string; siteId?: number | null } = {}) {
  const [user] = await db
    .insert(users)
    .values({
      email: opts.email ?? `${role}.${Math.random().toString(36).slice(2, 8)}@test.vigie`,
      name: `${role} user`,
      role,
      siteId: role === 'site_lead' ? (opts.siteId ?? null) : null,
      passwordHash: 'not-a-real-hash',
    })
    .returning();
  return user!;
}

export async function makePrincipal(db: Db, role: Role, siteId?: number): Promise<UserPrincipal> {
  return userPrincipal(await makeUser(db, role, { siteId: siteId ?? null }), 'session');
}

export function siteKeyPrincipal(siteId: number, keyId = 1): SiteKeyPrincipal {
  return { kind: 'site_key', keyId, keyName: 'test key', siteId };
}

/** What `run` fails with, checked to be a `kind`; the test fails if `run` succeeds. */
export async function failureOf<E>(run: () => Promise<unknown>, kind: abstract new (...args: never[]) => E): Promise<E> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  return error as E;
}

/** The tRPC error code `run` fails with (UNAUTHORIZED, FORBIDDEN, NOT_FOUND…). */
export async function trpcCode(run: () => Promise<unknown>): Promise<string> {
  return (await failureOf(run, TRPCError)).code;
}
