// One-click unsubscribe links: the subscription id signed with an HMAC, so that the link works
// without signing in and cannot be forged for another subscription. The key lives in
// app_settings (made once, shared by every instance and by the CLI), not in NEXTAUTH_SECRET: the
// CLI signs links without the server's environment, and the server must accept them.
import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { putSettingOnce } from '@/db/queries/settings';
import { safeEqual } from '@/server/auth/secrets';

const SETTING_KEY = 'digest_unsubscribe_secret';
const PURPOSE = 'vigie.digest-unsubscribe.v1';

export async function unsubscribeSecret(db: Db): Promise<string> {
  return putSettingOnce(db, SETTING_KEY, randomBytes(32).toString('base64url'));
}

function signature(secret: string, subscriptionId: number): string {
  return createHmac('sha256', secret).update(`${PURPOSE}:${subscriptionId}`).digest('base64url');
}

export function signUnsubscribeToken(secret: string, subscriptionId: number): string {
  return `${subscriptionId}.${signature(secret, subscriptionId)}`;
}

/** The subscription id a token names, or null when the token is malformed or not ours. */
export function verifyUnsubscribeToken(secret: string, token: string): number | null {
  const match = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) return null;
  return safeEqual(match[2]!, signature(secret, id)) ? id : null;
}

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/digests/unsubscribe?token=${encodeURIComponent(token)}`;
}
