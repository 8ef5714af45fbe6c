// Sites with a push key each and an HQ user with a personal token, written straight into a
// database before a server is started on it: what the load benchmark and the fault drills push
// and read with.
import { openDatabase, type DbHandle, type OpenOptions } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { cliActor } from '@/server/auth/principal';
import { createSiteKey, createUserToken } from '@/server/keys/service';
import { createSite } from '@/server/sites/service';
import { createUser } from '@/server/users/service';

export type ProvisionedSite = { code: string; id: number; timezone: string; slaSeconds: number; key: string };
export type Provisioned = { sites: ProvisionedSite[]; token: string };

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
  const user = await createUser(handle.db, actor, { email, name: 'HQ reader', role: 'hq_manager', password: `pw-${Math.random().toString(36).slice(2)}-long` });
  const { secret: token } = await createUserToken(handle.db, actor, { userId: user.id, name: 'dashboard' });
  return { sites, token };
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
