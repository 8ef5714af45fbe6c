// Site keys and personal tokens: creation, listing (never the secret), revocation.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { apiKeys, sites, userTokens } from '../schema';

export async function insertSiteKey(db: Db, row: { siteId: number; name: string; prefix: string; secretHash: string; createdBy: number | null }) {
  const [key] = await db.insert(apiKeys).values(row).returning({ id: apiKeys.id, createdAt: apiKeys.createdAt });
  return key!;
}

export async function listSiteKeys(db: Db, opts: { siteId?: number; includeRevoked?: boolean } = {}) {
  const conditions = [];
  if (opts.siteId !== undefined) conditions.push(eq(apiKeys.siteId, opts.siteId));
  if (!opts.includeRevoked) conditions.push(isNull(apiKeys.revokedAt));
  return db
    .select({
      id: apiKeys.id,
      siteId: apiKeys.siteId,
      siteCode: sites.code,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .innerJoin(sites, eq(sites.id, apiKeys.siteId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(sites.code, desc(apiKeys.createdAt));
}

/** Revokes the active key of that name; answers the revoked key's id, or null when none. */
export async function revokeSiteKey(db: Db, where: { siteId: number; name: string } | { id: number }) {
  const condition = 'id' in where ? eq(apiKeys.id, where.id) : and(eq(apiKeys.siteId, where.siteId), eq(apiKeys.name, where.name));
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(condition, isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, siteId: apiKeys.siteId, name: apiKeys.name });
  return row ?? null;
}

export async function insertUserToken(db: Db, row: { userId: number; name: string; prefix: string; secretHash: string }) {
  const [token] = await db.insert(userTokens).values(row).returning({ id: userTokens.id, createdAt: userTokens.createdAt });
  return token!;
}

export async function listUserTokens(db: Db, userId: number, includeRevoked = false) {
  return db
    .select({
      id: userTokens.id,
      name: userTokens.name,
      prefix: userTokens.prefix,
      createdAt: userTokens.createdAt,
      lastUsedAt: userTokens.lastUsedAt,
      revokedAt: userTokens.revokedAt,
    })
    .from(userTokens)
    .where(includeRevoked ? eq(userTokens.userId, userId) : and(eq(userTokens.userId, userId), isNull(userTokens.revokedAt)))
    .orderBy(desc(userTokens.createdAt));
}

export async function revokeUserToken(db: Db, where: { userId: number; name: string } | { userId: number; id: number }) {
  const condition = 'id' in where ? eq(userTokens.id, where.id) : eq(userTokens.name, where.name);
  const [row] = await db
    .update(userTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(userTokens.userId, where.userId), condition, isNull(userTokens.revokedAt)))
    .returning({ id: userTokens.id, name: userTokens.name });
  return row ?? null;
}
