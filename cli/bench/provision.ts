// Sites with a push key each and an HQ user with a personal token and a password, written
// straight into a database before a server is started on it: what the load benchmark and the
// fault drills push and read with (the REST API with the token, the app's /api/trpc with a
// session signed in as a browser does).
import { randomBytes } from 'node:crypto';
import { openDatabase, type DbHandle, type OpenOptions } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { cliActor } from '@/server/auth/principal';
import { createSiteKey, createUserToken } from '@/server/keys/service';
import { createSite } from '@/server/sites/service';
import { createUser } from '@/server/users/service';

export type ProvisionedSite = { code: string; id: number; timezone: string; slaSeconds: number; key: string };
export type Provisioned = { sites: ProvisionedSite[]; token: string; reader: { email: string; password: string } };

const TIMEZONES = ['Africa/Tunis', 'Africa/Casablanca', 'Indian/Mauritius', 'Europe/Paris', 'Africa/Dakar'];

/** A site code (2–8 upper-case letters) for the i-th site after `prefix`. */
export function siteCodeOf(prefix: string, i: number): string {
  return `${prefix}${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;
}

export async function provision(handle: DbHandle, opts: { prefix: string; sites: number }): Promise<Provisioned> {
  const actor = cliActor();
  const sites: ProvisionedSite[] = [];
  for (let i = 0; i < opts.sites; i++) {
    const code = siteCodeOf(opts.prefix, i);
    const timezone = TIMEZONES[i % TIMEZONES.length]!;
    const site = await createSite(handle.db, actor, { code, name: `Load site ${code}`, country: 'TN', timezone });
    const { secret } = await createSiteKey(handle.db, actor, { siteCode: code, name: 'telephony' });
    sites.push({ code, id: site.id, timezone: site.timezone, slaSeconds: site.slaSeconds, key: secret });
  }
  const email = `hq.${opts.prefix.toLowerCase()}.${Date.now()}@load.vigie`;
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  const user = await createUser(handle.db, actor, { email, name: 'HQ reader', role: 'hq_manager', password });
  const { secret: token } = await createUserToken(handle.db, actor, { userId: user.id, name: 'dashboard' });
  return { sites, token, reader: { email, password } };
}

/**
 * Signs in to a running server as the login form does (next-auth's CSRF token, then the
 * credentials) and answers the Cookie header that carries the session: /api/trpc takes nothing else.
 */
export async function signInCookie(base: string, reader: { email: string; password: string }): Promise<string> {
  const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; ') },
    body: new URLSearchParams({ email: reader.email, password: reader.password, csrfToken, json: 'true' }),
  });
  await res.arrayBuffer();
  const session = cookiesOf(res).find((c) => /^(__Secure-)?next-auth\.session-token=./.test(c));
  if (!session) throw new Error(`signing in as ${reader.email} gave no session (HTTP ${res.status})`);
  return session;
}

/** Opens, migrates and provisions, then closes (a PGlite directory is free again afterwards). */
export async function provisionDatabase(options: OpenOptions, opts: { prefix: string; sites: number }): Promise<Provisioned> {
  const handle = await openDatabase(options);
  try {
    await migrateDatabase(handle);
    return await provision(handle, opts);
  } finally {
    await handle.close();
  }
}
