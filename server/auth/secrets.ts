// Site keys and personal tokens: a recognisable prefix plus 32 random bytes, shown once and stored
// as a SHA-256 hash. The secret has 256 bits of entropy, so a fast hash is enough: nobody can
// brute-force it, and the lookup by hash reveals nothing about the secret.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type SecretKind = 'site_key' | 'user_token';

const PREFIX: Record<SecretKind, string> = { site_key: 'vk_', user_token: 'vt_' };

export function generateSecret(kind: SecretKind): { secret: string; prefix: string; hash: string } {
  const secret = PREFIX[kind] + randomBytes(32).toString('base64url');
  return { secret, prefix: secret.slice(0, 10), hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function kindOfSecret(secret: string): SecretKind | null {
  if (secret.startsWith(PREFIX.site_key)) return 'site_key';
  if (secret.startsWith(PREFIX.user_token)) return 'user_token';
  return null;
}

/** Constant-time comparison of two strings (of any length). */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}
