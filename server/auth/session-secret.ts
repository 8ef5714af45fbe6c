// The key that signs session cookies. The start script provides NEXTAUTH_SECRET; a development
// server without it still works, with a key that is public and therefore never used in production.
const DEVELOPMENT_ONLY_SECRET = 'vigie-development-only-session-secret-not-for-production';

export function sessionSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.NEXTAUTH_SECRET?.trim();
  if (secret) return secret;
  if (env.NODE_ENV !== 'production') return DEVELOPMENT_ONLY_SECRET;
  throw new Error('NEXTAUTH_SECRET is not set: the server cannot sign sessions without it');
}
