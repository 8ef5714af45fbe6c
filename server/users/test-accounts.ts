// Accounts for router tests: one user per role, a site key, and the principals they act as.
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { findUserById } from '@/db/queries/users';
import { apiKeys, type User } from '@/db/schema';
import { cliActor, type SiteKeyPrincipal, type UserPrincipal } from '@/server/auth/principal';
import { generateSecret } from '@/server/auth/secrets';
import type { SessionClaims } from '@/server/auth/session-claims';
import { createSite } from '@/server/sites/service';
import { createUser, type UserSummary } from './service';

export const TEST_PASSWORD = 'test-password-1';

function principalOf(user: UserSummary | User): UserPrincipal {
  return { kind: 'user', via: 'session', userId: user.id, email: user.email, name: user.name, role: user.role, siteId: user.siteId, locale: user.locale };
}

export async function createTestAccounts(db: Db) {
  const tun = await createSite(db, cliActor(), { code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis' });
  const dkr = await createSite(db, cliActor(), { code: 'DKR', name: 'Dakar', country: 'SN', timezone: 'Africa/Dakar' });
  const admin = await createUser(db, cliActor(), { email: 'admin@x.test', name: 'Ada Admin', role: 'admin', password: TEST_PASSWORD });
  const hq = await createUser(db, cliActor(), { email: 'hq@x.test', name: 'Hugo HQ', role: 'hq_manager', password: TEST_PASSWORD });
  const lead = await createUser(db, cliActor(), {
    email: 'lead.tun@x.test',
    name: 'Leila Lead',
    role: 'site_lead',
    siteCode: 'TUN',
    password: TEST_PASSWORD,
  });
  const key = generateSecret('site_key');
  const [keyRow] = await db
    .insert(apiKeys)
    .values({ siteId: tun.id, name: 'telephony', prefix: key.prefix, secretHash: key.hash })
    .returning({ id: apiKeys.id });
  const siteKey: SiteKeyPrincipal = { kind: 'site_key', keyId: keyRow!.id, keyName: 'telephony', siteId: tun.id };
  return {
    sites: { tun, dkr },
    users: { admin, hq, lead },
    principals: { admin: principalOf(admin), hq: principalOf(hq), lead: principalOf(lead), siteKey },
    siteKeySecret: key.secret,
  };
}

export type TestAccounts = Awaited<ReturnType<typeof createTestAccounts>>;

/**
 * The claims of a session cookie signed in a minute before `now`, under the user's current
 * session version: what a browser that just signed in would send.
 */
export async function sessionClaimsFor(db: Db, userId: number, now = new Date()): Promise<SessionClaims> {
  const user = await findUserById(db, userId);
  if (!user) throw new Error(`No user ${userId}`);
  return { userId, sessionId: randomUUID(), sessionVersion: user.sessionVersion, signedInAt: Math.floor(now.getTime() / 1000) - 60 };
}
