// The key that signs session cookies. `npm start` takes it from NEXTAUTH_SECRET (preferred) or from
// the database (made once, shared by every instance) and hands it to the server as NEXTAUTH_SECRET.
// A development server without it still works, with a key that is public and therefore never
// accepted in production.
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';

const DEVELOPMENT_ONLY_SECRET = 'vigie-development-only-session-secret-not-for-production';
const SETTING_KEY = 'nextauth_secret';

type Env = Record<string, string | undefined>;

export function sessionSecret(env: Env = process.env): string {
  const secret = env.NEXTAUTH_SECRET?.trim();
  if (secret) return secret;
  if (env.NODE_ENV !== 'production') return DEVELOPMENT_ONLY_SECRET;
  throw new Error('NEXTAUTH_SECRET is not set: the server cannot sign sessions without it');
}

/**
 * The secret the server should run with: NEXTAUTH_SECRET when set, never stored (and a copy that an
 * earlier start stored is deleted: whoever reads the database, or a dump of it, could sign
 * sessions with it); otherwise the one stored in app_settings, created on first use. Instances
 * that start together agree: the first insert wins.
 */
export async function ensureSessionSecret(db: Db, env: Env = process.env): Promise<string> {
  // Loaded here only: the proxy imports this module for sessionSecret() and needs no database.
  const { deleteSetting, putSettingOnce } = await import('@/db/queries/settings');
  const fromEnv = env.NEXTAUTH_SECRET?.trim();
  if (fromEnv) {
    await deleteSetting(db, SETTING_KEY);
    return fromEnv;
  }
  return putSettingOnce(db, SETTING_KEY, randomBytes(32).toString('base64url'));
}
