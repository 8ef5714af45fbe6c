// Demo accounts whose password is the public one (db/queries/public-password.ts): while any is
// active, `npm start` listens on the loopback interface only, unless HOST says otherwise, and every
// page shows a banner saying so.
import type { Db } from '@/db/client';
import { demoAccountHashes, PUBLIC_PASSWORD_HASH_KEY, publicPasswordInUse } from '@/db/queries/public-password';
import { getSetting, putSetting } from '@/db/queries/settings';
import { PUBLIC_DEMO_PASSWORD } from '@/db/seed/demo-network';
import { verifyPassword } from '@/server/auth/password';

export { accountsWithPublicPassword, publicPasswordInUse } from '@/db/queries/public-password';

export const LOOPBACK_HOST = '127.0.0.1';

/**
 * A database seeded before the public password's hash was recorded: the demo accounts' hash is
 * checked against the public password once (one Argon2 verification per distinct hash), and
 * recorded when it matches.
 */
export async function recognisePublicPassword(db: Db): Promise<void> {
  if ((await getSetting(db, PUBLIC_PASSWORD_HASH_KEY)) !== null) return;
  for (const hash of await demoAccountHashes(db)) {
    if (await verifyPassword(hash, PUBLIC_DEMO_PASSWORD)) {
      await putSetting(db, PUBLIC_PASSWORD_HASH_KEY, hash);
      return;
    }
  }
}

/** The address `next start` binds: HOST when set; the loopback while public accounts exist; else every interface. */
export function listenHost(env: Record<string, string | undefined>, publicAccounts: boolean): string | undefined {
  const host = env.HOST?.trim();
  if (host) return host;
  return publicAccounts ? LOOPBACK_HOST : undefined;
}

/** For the pages' banner: false when the database cannot tell (the page reports that itself). */
export async function publicPasswordBanner(): Promise<boolean> {
  try {
    const { getDatabase } = await import('@/server/db');
    return await publicPasswordInUse((await getDatabase()).db);
  } catch {
    return false;
  }
}
