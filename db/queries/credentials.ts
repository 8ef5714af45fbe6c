// Lookups of site keys and personal tokens by the hash of their secret.
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { apiKeys, sites, users, userTokens } from '../schema';

export async function findActiveSiteKeyByHash(db: Db, secretHash: string) {
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, siteId: apiKeys.siteId, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .innerJoin(sites, eq(sites.id, apiKeys.siteId))
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt), eq(sites.active, true)))
    .limit(1);
  return row ?? null;
}

export async function findActiveUserTokenByHash(db: Db, secretHash: string) {
  const [row] = await db
    .select({ tokenId: userTokens.id, user: users })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.secretHash, secretHash), isNull(userTokens.revokedAt), eq(users.active, true)))
    .limit(1);
  return row ?? null;
}

/** Records use at most once a minute, so a busy key does not write on every request. */
export async function touchSiteKey(db: Db, id: number): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
}

export async function touchUserToken(db: Db, id: number): Promise<void> {
  await db
    .update(userTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(eq(userTokens.id, id), or(isNull(userTokens.lastUsedAt), lt(userTokens.lastUsedAt, sql`now() - interval '1 minute'`))),
    );
}

/** Revokes every active token of a user (their sessions were ended); answers what it revoked. */
export async function revokeAllUserTokens(db: Db, userId: number, at: Date) {
  return db
    .update(userTokens)
    .set({ revokedAt: at })
    .where(and(eq(userTokens.userId, userId), isNull(userTokens.revokedAt)))
    .returning({ id: userTokens.id, name: userTokens.name });
}
