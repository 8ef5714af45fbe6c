import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { deleteSetting, getSetting } from '@/db/queries/settings';
import { PUBLIC_PASSWORD_HASH_KEY } from '@/db/queries/public-password';
import { users } from '@/db/schema';
import { DEMO_ADMIN, DEMO_HQ, DEMO_SITES, demoLeadEmail } from '@/db/seed/demo-network';
import { seedDemo } from '@/server/seed/demo';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { resetPassword, setUserActive } from '@/server/users/service';
import { accountsWithPublicPassword, listenHost, publicPasswordInUse, recognisePublicPassword } from './public-password';

const NOW = new Date('2026-11-16T00:00:00Z');
const ALL_DEMO = [DEMO_ADMIN.email, DEMO_HQ.email, ...DEMO_SITES.map((s) => demoLeadEmail(s.code))].sort();

let h: DbHandle;
let other: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  other = await createTestDb();
  await seedDemo(h.db, { now: NOW, days: 2 });
}, 300_000);
afterAll(async () => {
  await h?.close();
  await other?.close();
  vi.unstubAllEnvs();
});

async function idOf(email: string): Promise<number> {
  const [row] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

describe('accounts with the public demo password', () => {
  it('are every demo account right after the seed', async () => {
    expect(await accountsWithPublicPassword(h.db)).toEqual(ALL_DEMO);
    expect(await publicPasswordInUse(h.db)).toBe(true);
  });

  it('are found again in a database seeded before the hash was recorded', async () => {
    const recorded = await getSetting(h.db, PUBLIC_PASSWORD_HASH_KEY);
    await deleteSetting(h.db, PUBLIC_PASSWORD_HASH_KEY);
    expect(await publicPasswordInUse(h.db)).toBe(false);
    await recognisePublicPassword(h.db);
    expect(await getSetting(h.db, PUBLIC_PASSWORD_HASH_KEY)).toBe(recorded);
    expect(await accountsWithPublicPassword(h.db)).toEqual(ALL_DEMO);
  });

  it('lose an account whose password is changed or which is deactivated; none left, none public', async () => {
    await resetPassword(h.db, cliActor(), { id: await idOf(DEMO_ADMIN.email), password: 'a private passphrase' });
    expect(await accountsWithPublicPassword(h.db)).not.toContain(DEMO_ADMIN.email);
    await setUserActive(h.db, cliActor(), { id: await idOf(DEMO_HQ.email), active: false });
    expect(await accountsWithPublicPassword(h.db)).toEqual(ALL_DEMO.filter((e) => e !== DEMO_ADMIN.email && e !== DEMO_HQ.email));
    for (const site of DEMO_SITES) {
      await resetPassword(h.db, cliActor(), { id: await idOf(demoLeadEmail(site.code)), password: `${site.code} private passphrase` });
    }
    expect(await accountsWithPublicPassword(h.db)).toEqual([]);
    expect(await publicPasswordInUse(h.db)).toBe(false);
    // A later start does not take a changed password for the public one.
    await recognisePublicPassword(h.db);
    expect(await publicPasswordInUse(h.db)).toBe(false);
  });

  it('are none when the demo was seeded with a private VIGIE_DEMO_PASSWORD', async () => {
    vi.stubEnv('VIGIE_DEMO_PASSWORD', 'a private demo password');
    await seedDemo(other.db, { now: NOW, days: 1 });
    vi.unstubAllEnvs();
    expect(await getSetting(other.db, PUBLIC_PASSWORD_HASH_KEY)).toBeNull();
    await recognisePublicPassword(other.db);
    expect(await publicPasswordInUse(other.db)).toBe(false);
  }, 300_000);
});

describe('the address the server listens on', () => {
  it('is the loopback while public accounts exist, unless HOST says otherwise', () => {
    expect(listenHost({}, true)).toBe('127.0.0.1');
    expect(listenHost({ HOST: '0.0.0.0' }, true)).toBe('0.0.0.0');
    expect(listenHost({ HOST: '  ' }, true)).toBe('127.0.0.1');
    expect(listenHost({}, false)).toBeUndefined();
    expect(listenHost({ HOST: '10.1.2.3' }, false)).toBe('10.1.2.3');
  });
});
