// Accounts anybody can sign in to: the demo accounts while they still have the demo password that
// the README and the console print. The seed records that password's hash; an account is public
// while its stored hash is still that one, so any password change, by whatever path, ends it.
import { and, asc, eq, like } from 'drizzle-orm';
import type { Db } from '../client';
import { appSettings, users } from '../schema';

export const PUBLIC_PASSWORD_HASH_KEY = 'public_password_hash';

/** The e-mail addresses of the active accounts that still have the public password. */
export async function accountsWithPublicPassword(db: Db): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .innerJoin(appSettings, and(eq(appSettings.key, PUBLIC_PASSWORD_HASH_KEY), eq(appSettings.value, users.passwordHash)))
    .where(eq(users.active, true))
    .orderBy(asc(users.email));
  return rows.map((r) => r.email);
}

/** Whether any active account still has the public password: one small join, cheap per page. */
export async function publicPasswordInUse(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(appSettings, and(eq(appSettings.key, PUBLIC_PASSWORD_HASH_KEY), eq(appSettings.value, users.passwordHash)))
    .where(eq(users.active, true))
    .limit(1);
  return row !== undefined;
}

/** The distinct password hashes of the demo accounts (for databases seeded before the hash was recorded). */
export async function demoAccountHashes(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ hash: users.passwordHash })
    .from(users)
    .where(and(eq(users.active, true), like(users.email, '%@demo.vigie')))
    .limit(5);
  return rows.map((r) => r.hash);
}
