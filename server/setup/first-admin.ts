// The first administrator of a database that has none (a PostgreSQL database started without the
// demo): `npm start` prints a one-time setup link whose token is 32 random bytes. Only its SHA-256
// is stored, so every instance can check it; it is compared in constant time, works only while no
// active administrator exists, and is used up by the account it creates.
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { deleteSetting, getSetting, putSetting } from '@/db/queries/settings';
import { countActiveAdmins } from '@/db/queries/users';
import { firstAdminInput } from '@/lib/first-admin-input';
import { hashSecret, safeEqual } from '@/server/auth/secrets';
import type { Actor } from '@/server/auth/principal';
import { DomainError, isDatabaseUnavailable } from '@/server/errors';
import { createUser, type UserSummary } from '@/server/users/service';

export const SETUP_TOKEN_KEY = 'setup_token_sha256';
export const SETUP_PATH = '/setup';

const SETUP_ACTOR: Actor = { actorType: 'system', actorId: null, actorLabel: 'setup link' };

/**
 * A new setup token when the database has no active administrator (the previous link stops
 * working), none otherwise (and any stored one is removed).
 */
export async function issueSetupToken(db: Db): Promise<string | null> {
  if ((await countActiveAdmins(db)) > 0) {
    await deleteSetting(db, SETUP_TOKEN_KEY);
    return null;
  }
  const token = randomBytes(32).toString('base64url');
  await putSetting(db, SETUP_TOKEN_KEY, hashSecret(token));
  return token;
}

export function setupLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${SETUP_PATH}?token=${encodeURIComponent(token)}`;
}

export type SetupTokenState = 'valid' | 'invalid' | 'admin_exists';

async function matchesStoredToken(db: Db, token: string): Promise<boolean> {
  const stored = await getSetting(db, SETUP_TOKEN_KEY);
  return stored !== null && safeEqual(hashSecret(token), stored);
}

/** What the setup page shows for a token. */
export async function setupTokenState(db: Db, token: unknown): Promise<SetupTokenState> {
  if ((await countActiveAdmins(db)) > 0) return 'admin_exists';
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) return 'invalid';
  return (await matchesStoredToken(db, token)) ? 'valid' : 'invalid';
}

/**
 * Creates the first administrator with a valid token, and uses the token up, in one transaction
 * with its audit rows. Two requests with the same token: the second finds it gone.
 */
export async function createFirstAdmin(db: Db, input: unknown): Promise<UserSummary> {
  const { token, email, name, password, locale } = firstAdminInput.parse(input);
  return db.transaction(async (tx) => {
    if ((await countActiveAdmins(tx)) > 0) throw new DomainError('CONFLICT', 'An administrator exists already: sign in instead');
    if (!(await matchesStoredToken(tx, token))) throw new DomainError('FORBIDDEN', 'This setup link is not valid: use the last one the server printed');
    // The row lock of the delete makes a concurrent request with the same token wait, then fail.
    if (!(await deleteSetting(tx, SETUP_TOKEN_KEY))) throw new DomainError('FORBIDDEN', 'This setup link has been used already');
    const user = await createUser(tx, SETUP_ACTOR, { email, name, password, locale, role: 'admin' });
    await insertAudit(tx, {
      ...SETUP_ACTOR,
      action: 'setup.first_admin',
      entity: 'user',
      entityId: String(user.id),
      details: { email: user.email },
    });
    return user;
  });
}

const STATUS: Record<string, number> = { BAD_REQUEST: 400, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

/** POST /api/setup: JSON in, JSON out; bad input is a 400 with its issues, never a partial write. */
export async function handleFirstAdminRequest(db: Db, request: Request): Promise<Response> {
  if (request.method !== 'POST') return Response.json({ code: 'METHOD_NOT_ALLOWED', message: 'POST only' }, { status: 405, headers: { allow: 'POST' } });
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return Response.json({ code: 'BAD_REQUEST', message: 'The body is not JSON' }, { status: 400 });
  }
  const parsed = firstAdminInput.safeParse(body);
  if (!parsed.success) {
    return Response.json(
      { code: 'BAD_REQUEST', message: 'Invalid input', issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
      { status: 400 },
    );
  }
  try {
    const user = await createFirstAdmin(db, parsed.data);
    return Response.json({ email: user.email, role: user.role }, { status: 201 });
  } catch (error) {
    if (error instanceof DomainError && STATUS[error.code]) {
      return Response.json({ code: error.code, message: error.message }, { status: STATUS[error.code] });
    }
    if (isDatabaseUnavailable(error)) return Response.json({ code: 'SERVICE_UNAVAILABLE', message: 'The database is unreachable: try again' }, { status: 503 });
    console.error('[vigie] setup failed', error);
    return Response.json({ code: 'INTERNAL_SERVER_ERROR', message: 'The server failed; see its log' }, { status: 500 });
  }
}
