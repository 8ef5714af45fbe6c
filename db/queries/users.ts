import { asc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { endedSessions, sites, users, type Locale, type NewUser, type Role, type User } from '../schema';

export async function findUserById(db: Db, id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row ?? null;
}

// ── Sessions ─────────────────────────────────────────────────────────────────────────────────

/**
 * The user behind a session and whether that one session was signed out: one round trip, by
 * primary keys, made on every request that carries a session cookie.
 */
export async function findSessionUser(db: Db, userId: number, sessionId: string): Promise<{ user: User; ended: boolean } | null> {
  const [row] = await db
    .select({
      user: users,
      ended: sql<boolean>`exists (select 1 from ${endedSessions} where ${endedSessions.sessionId} = ${sessionId})`,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ? { user: row.user, ended: Boolean(row.ended) } : null;
}

/** Ends every session of the user (they carry the old version); answers the new version. */
export async function bumpSessionVersion(db: Db, userId: number): Promise<number | null> {
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion ?? null;
}

/** Ends one session until it would have expired anyway, and forgets those already past expiry. */
export async function insertEndedSession(db: Db, row: { sessionId: string; userId: number; expiresAt: Date }, now: Date): Promise<void> {
  await db.delete(endedSessions).where(lt(endedSessions.expiresAt, now));
  await db.insert(endedSessions).values(row).onConflictDoNothing();
}

// ── Sign-in bookkeeping ──────────────────────────────────────────────────────────────────────

/**
 * Counts an attempt as failed before the password is checked, and returns the count including
 * it: concurrent guesses each get their own number, so a burst cannot slip past the limit while
 * the (slow) hash is being verified. A successful sign-in resets the count.
 */
export async function claimLoginAttempt(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, userId))
    .returning({ failedLogins: users.failedLogins });
  return row?.failedLogins ?? 0;
}

/** Locks the account until the given instant; the count starts again once the lock ends. */
export async function lockUser(db: Db, userId: number, until: Date): Promise<void> {
  await db.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, userId));
}

export async function clearLoginFailures(db: Db, userId: number): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

export async function recordSuccessfulLogin(db: Db, userId: number, at: Date): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at }).where(eq(users.id, userId));
}

// ── Administration ───────────────────────────────────────────────────────────────────────────

/** What the admin pages show of a user: never the password hash. */
const userListColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  siteId: users.siteId,
  siteCode: sites.code,
  siteName: sites.name,
  locale: users.locale,
  timezone: users.timezone,
  active: users.active,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

export type UserListRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  siteId: number | null;
  siteCode: string | null;
  siteName: string | null;
  locale: Locale;
  timezone: string;
  active: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
};

export async function listUsers(db: Db): Promise<UserListRow[]> {
  return db
    .select(userListColumns)
    .from(users)
    .leftJoin(sites, eq(sites.id, users.siteId))
    .orderBy(asc(users.name), asc(users.email));
}

export async function findUserListRow(db: Db, id: number): Promise<UserListRow | null> {
  const [row] = await db.select(userListColumns).from(users).leftJoin(sites, eq(sites.id, users.siteId)).where(eq(users.id, id));
  return row ?? null;
}

export async function insertUser(db: Db, values: NewUser) {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('Inserting a user returned no row');
  return row;
}

export type UserPatch = Partial<Pick<NewUser, 'name' | 'role' | 'siteId' | 'locale' | 'timezone' | 'active' | 'passwordHash'>>;

export async function updateUserRow(db: Db, id: number, patch: UserPatch & { failedLogins?: number; lockedUntil?: Date | null }) {
  const [row] = await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return row ?? null;
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.role} = 'admin' and ${users.active}`);
  return row?.n ?? 0;
}
