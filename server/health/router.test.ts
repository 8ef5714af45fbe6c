import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { MINIMUM_TZ_VERSION, compareTzVersions } from '@/server/time/tz-data';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

describe('health.check', () => {
  it('names the database driver and the tz release in use, to anyone', async () => {
    const health = await createCaller(createInnerContext({ db: h.db, driver: h.driver })).health.check();
    expect(health).toEqual({ status: 'ok', database: h.driver, tz: process.versions.tz });
    expect(compareTzVersions(health.tz!, MINIMUM_TZ_VERSION)).toBeGreaterThanOrEqual(0);
  });
});
