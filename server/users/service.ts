// Creating and changing user accounts: shared by the admin pages (through the router) and the
// CLI. Each write and its audit row commit together; passwords never reach the audit log.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { findSiteByCode, findSiteById } from '@/db/queries/sites';
import {
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  updateUserRow,
  type UserPatch,
} from '@/db/queries/users';
import type { Locale, Role, User } from '@/db/schema';
import { hashPassword, verifyPassword } from '@/server/auth/password';
import { safeEqual } from '@/server/auth/secrets';
import type { Actor } from '@/server/auth/principal';
import { badRequest, conflict, forbidden, notFound } from '@/server/errors';
import { endSessionsOf } from './sessions';
import {
  changeMyPasswordInput,
  createUserInput,
  resetPasswordInput,
  setMyLocaleInput,
  setUserActiveInput,
  updateUserInput,
  type ChangeMyPasswordInput,
  type CreateUserInput,
  type ResetPasswordInput,
  type SetUserActiveInput,
  type UpdateUserInput,
} from './user-input';

/** What callers get back: the account without its password hash. */
export type UserSummary = Omit<User, 'passwordHash'>;

function summary({ passwordHash: _hash, ...user }: User): UserSummary {
  return user;
}

function audit(db: Db, actor: Actor, action: string, user: User, details: Record<string, unknown> = {}) {
  return insertAudit(db, {
    ...actor,
    action,
    entity: 'user',
    entityId: String(user.id),
    siteId: user.siteId,
    details: { email: user.email, ...details },
  });
}

/** The site a lead is assigned to, by id or code: it must exist and be active. */
async function resolveSite(db: Db, ref: { siteId?: number | null; siteCode?: string | null }): Promise<number | null> {
  if (ref.siteId != null) {
    const site = await findSiteById(db, ref.siteId);
    if (!site) throw notFound('Site');
    if (!site.active) throw badRequest(`Site ${site.code} is deactivated`);
    return site.id;
  }
  if (ref.siteCode != null) {
    const site = await findSiteByCode(db, ref.siteCode);
    if (!site) throw notFound(`Site ${ref.siteCode}`);
    if (!site.active) throw badRequest(`Site ${site.code} is deactivated`);
    return site.id;
  }
  return null;
}

function checkRoleSite(role: Role, siteId: number | null) {
  if (role === 'site_lead' && siteId === null) throw badRequest('A site lead belongs to one site: choose it');
  if (role !== 'site_lead' && siteId !== null) throw badRequest('Headquarters roles belong to no site');
}

/** Somebody must always be able to administer the instance. */
async function keepAnAdmin(db: Db, before: User, after: { role: Role; active: boolean }) {
  const wasActiveAdmin = before.role === 'admin' && before.active;
  const staysActiveAdmin = after.role === 'admin' && after.active;
  if (wasActiveAdmin && !staysActiveAdmin && (await countActiveAdmins(db)) <= 1) {
    throw badRequest('This is the last active administrator: make another administrator first');
  }
}

export async function createUser(db: Db, actor: Actor, input: CreateUserInput): Promise<UserSummary> {
  const { password, siteId, siteCode, ...fields } = createUserInput.parse(input);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, fields.email)) throw conflict(`A user with the e-mail ${fields.email} already exists`);
    const resolvedSiteId = await resolveSite(tx, { siteId, siteCode });
    checkRoleSite(fields.role, resolvedSiteId);
    const user = await insertUser(tx, { ...fields, siteId: resolvedSiteId, passwordHash });
    await audit(tx, actor, 'user.create', user, { role: user.role, siteId: user.siteId, locale: user.locale });
    return summary(user);
  });
}

export async function updateUser(db: Db, actor: Actor, input: UpdateUserInput): Promise<UserSummary> {
  const { id, siteId, siteCode, ...fields } = updateUserInput.parse(input);
  return db.transaction(async (tx) => {
    const before = await findUserById(tx, id);
    if (!before) throw notFound('User');
    const role = fields.role ?? before.role;
    const siteGiven = siteId !== undefined || siteCode !== undefined;
    // A move to an HQ role without a site named drops the site; otherwise the site stays.
    const nextSiteId = siteGiven ? await resolveSite(tx, { siteId, siteCode }) : role === 'site_lead' ? before.siteId : null;
    checkRoleSite(role, nextSiteId);
    if (actor.actorType === 'user' && actor.actorId === id && role !== before.role) {
      throw forbidden('You cannot change your own role');
    }
    await keepAnAdmin(tx, before, { role, active: before.active });
    const patch: UserPatch = { ...fields, role, siteId: nextSiteId };
    const user = await updateUserRow(tx, id, patch);
    if (!user) throw notFound('User');
    await audit(tx, actor, 'user.update', user, { changes: changesBetween(before, user, Object.keys(patch) as (keyof User)[]) });
    // Sessions and tokens were granted for the old role or site: they end with it.
    if (user.role !== before.role) await endSessionsOf(tx, actor, user, 'role_change');
    else if (user.siteId !== before.siteId) await endSessionsOf(tx, actor, user, 'site_change');
    return summary(user);
  });
}

/**
 * A deactivated user is signed out at their next request, and their sessions and personal tokens
 * stay ended if they are reactivated: they sign in again and make new tokens.
 */
export async function setUserActive(db: Db, actor: Actor, input: SetUserActiveInput): Promise<UserSummary> {
  const { id, active } = setUserActiveInput.parse(input);
  return db.transaction(async (tx) => {
    const before = await findUserById(tx, id);
    if (!before) throw notFound('User');
    if (!active && actor.actorType === 'user' && actor.actorId === id) throw forbidden('You cannot deactivate yourself');
    await keepAnAdmin(tx, before, { role: before.role, active });
    const user = await updateUserRow(tx, id, { active });
    if (!user) throw notFound('User');
    await audit(tx, actor, active ? 'user.reactivate' : 'user.deactivate', user);
    if (!active && before.active) await endSessionsOf(tx, actor, user, 'deactivation');
    return summary(user);
  });
}

/**
 * An administrator sets a new password; it also lifts a lockout, and ends the user's sessions and
 * tokens (whoever knew the old password may have signed in with it).
 */
export async function resetPassword(db: Db, actor: Actor, input: ResetPasswordInput): Promise<UserSummary> {
  const { id, password } = resetPasswordInput.parse(input);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await updateUserRow(tx, id, { passwordHash, failedLogins: 0, lockedUntil: null });
    if (!user) throw notFound('User');
    await audit(tx, actor, 'user.reset_password', user);
    await endSessionsOf(tx, actor, user, 'password_reset');
    return summary(user);
  });
}

/**
 * A user changes their own password, proving the current one. Every session ends, the one making
 * the change included, and so do the personal tokens: the user signs in again with the new one.
 */
export async function changeMyPassword(db: Db, actor: Actor, userId: number, input: ChangeMyPasswordInput): Promise<void> {
  const { currentPassword, newPassword } = changeMyPasswordInput.parse(input);
  const before = await findUserById(db, userId);
  if (!before) throw notFound('User');
  if (!(await verifyPassword(before.passwordHash, currentPassword))) throw badRequest('The current password is not right');
  if (safeEqual(newPassword, currentPassword)) throw badRequest('Choose a password other than the current one');
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    const user = await updateUserRow(tx, userId, { passwordHash });
    if (!user) throw notFound('User');
    await audit(tx, actor, 'user.change_password', user);
    await endSessionsOf(tx, actor, user, 'password_change');
  });
}

/** A user's own choice of language for the interface. */
export async function setUserLocale(db: Db, actor: Actor, userId: number, locale: Locale): Promise<UserSummary> {
  const parsed = setMyLocaleInput.parse({ locale });
  return db.transaction(async (tx) => {
    const user = await updateUserRow(tx, userId, { locale: parsed.locale });
    if (!user) throw notFound('User');
    await audit(tx, actor, 'user.set_locale', user, { locale: parsed.locale });
    return summary(user);
  });
}

function changesBetween(before: User, after: User, keys: (keyof User)[]): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    if (key === 'passwordHash') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}
