import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { getSetting } from '@/db/queries/settings';
import { appSettings } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { ensureSessionSecret, sessionSecret } from './session-secret';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

describe('session secret', () => {
  it('uses NEXTAUTH_SECRET, falls back to a development key outside production only', () => {
    expect(sessionSecret({ NEXTAUTH_SECRET: 's3cret', NODE_ENV: 'production' })).toBe('s3cret');
    expect(sessionSecret({ NODE_ENV: 'development' })).toMatch(/development-only/);
    expect(() => sessionSecret({ NODE_ENV: 'production' })).toThrow(/NEXTAUTH_SECRET/);
  });

  it('makes one random secret per database and answers it to every later start', async () => {
    const first = await ensureSessionSecret(h.db, {});
    expect(first.length).toBeGreaterThanOrEqual(43);
    expect(await ensureSessionSecret(h.db, {})).toBe(first);
    expect(await ensureSessionSecret(h.db, { NEXTAUTH_SECRET: 'from-env' })).toBe('from-env');
  });

  it('never keeps NEXTAUTH_SECRET in the database, and deletes a secret stored by an earlier start once it is set', async () => {
    await ensureSessionSecret(h.db, {});
    expect(await getSetting(h.db, 'nextauth_secret')).not.toBeNull();
    expect(await ensureSessionSecret(h.db, { NEXTAUTH_SECRET: 'from-env' })).toBe('from-env');
    expect(await getSetting(h.db, 'nextauth_secret')).toBeNull();
    const values = (await h.db.select({ value: appSettings.value }).from(appSettings)).map((r) => r.value);
    expect(values).not.toContain('from-env');
  });
});
