// Site keys (a site's systems push with them) and personal tokens (a user's REST credential):
// random secrets shown once, stored hashed, revocable, every change audit-logged.
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { insertSiteKey, insertUserToken, revokeSiteKey, revokeUserToken } from '@/db/queries/keys';
import { findUserByEmail } from '@/db/queries/users';
import { sites } from '@/db/schema';
import type { Actor } from '@/server/auth/principal';
import { generateSecret } from '@/server/auth/secrets';
import { conflict, notFound } from '@/server/errors';
import { credentialName, siteCode } from '@/lib/keys/key-input';

async function siteByCode(db: Db, code: string) {
  const [site] = await db.select({ id: sites.id, code: sites.code }).from(sites).where(eq(sites.code, siteCode.parse(code))).limit(1);
  if (!site) throw notFound(`Site ${code}`);
  return site;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 4; i++, e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

export async function createSiteKey(db: Db, actor: Actor, input: { siteCode: string; name: string }) {
  const site = await siteByCode(db, input.siteCode);
  const name = credentialName.parse(input.name);
  const { secret, prefix, hash } = generateSecret('site_key');
  try {
    return await db.transaction(async (tx) => {
      const key = await insertSiteKey(tx, { siteId: site.id, name, prefix, secretHash: hash, createdBy: actor.actorType === 'user' ? actor.actorId : null });
      await insertAudit(tx, { ...actor, action: 'site_key.create', entity: 'api_key', entityId: String(key.id), siteId: site.id, details: { name, prefix } });
      return { id: key.id, siteCode: site.code, name, prefix, secret };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Site ${site.code} already has an active key named "${name}"`);
    throw error;
  }
}

export async function revokeSiteKeyByName(db: Db, actor: Actor, input: { siteCode: string; name: string }) {
  const site = await siteByCode(db, input.siteCode);
  return db.transaction(async (tx) => {
    const row = await revokeSiteKey(tx, { siteId: site.id, name: input.name.trim() });
    if (!row) throw notFound(`Active key "${input.name}" of site ${site.code}`);
    await insertAudit(tx, { ...actor, action: 'site_key.revoke', entity: 'api_key', entityId: String(row.id), siteId: site.id, details: { name: row.name } });
    return row;
  });
}

export async function revokeSiteKeyById(db: Db, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const row = await revokeSiteKey(tx, { id });
    if (!row) throw notFound('Active key');
    await insertAudit(tx, { ...actor, action: 'site_key.revoke', entity: 'api_key', entityId: String(row.id), siteId: row.siteId, details: { name: row.name } });
    return row;
  });
}

export async function createUserToken(db: Db, actor: Actor, input: { userId: number; name: string }) {
  const name = credentialName.parse(input.name);
  const { secret, prefix, hash } = generateSecret('user_token');
  try {
    return await db.transaction(async (tx) => {
      const token = await insertUserToken(tx, { userId: input.userId, name, prefix, secretHash: hash });
      await insertAudit(tx, { ...actor, action: 'user_token.create', entity: 'user_token', entityId: String(token.id), details: { userId: input.userId, name, prefix } });
      return { id: token.id, name, prefix, secret };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`There is already an active token named "${name}"`);
    throw error;
  }
}

export async function createUserTokenByEmail(db: Db, actor: Actor, input: { email: string; name: string }) {
  const user = await findUserByEmail(db, input.email);
  if (!user || !user.active) throw notFound(`Active user ${input.email}`);
  return createUserToken(db, actor, { userId: user.id, name: input.name });
}

export async function revokeUserTokenOf(db: Db, actor: Actor, where: { userId: number; name: string } | { userId: number; id: number }) {
  return db.transaction(async (tx) => {
    const row = await revokeUserToken(tx, where);
    if (!row) throw notFound('Active token');
    await insertAudit(tx, { ...actor, action: 'user_token.revoke', entity: 'user_token', entityId: String(row.id), details: { userId: where.userId, name: row.name } });
    return row;
  });
}

export async function revokeUserTokenByEmail(db: Db, actor: Actor, input: { email: string; name: string }) {
  const user = await findUserByEmail(db, input.email);
  if (!user) throw notFound(`User ${input.email}`);
  return revokeUserTokenOf(db, actor, { userId: user.id, name: input.name.trim() });
}
