import { sql } from 'drizzle-orm';
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

  it('says while stored local days are being moved to a new tz release, and no longer once done', async () => {
    const check = () => createCaller(createInnerContext({ db: h.db, driver: h.driver })).health.check();
    await h.db.execute(sql`insert into local_day_rules (id, tz_version, rebuild_target) values (1, '2025c', '2026c')`);
    expect(await check()).toEqual({ status: 'ok', database: h.driver, tz: process.versions.tz, tzRebuild: { from: '2025c', to: '2026c' } });
    await h.db.execute(sql`update local_day_rules set tz_version = '2026c', rebuild_target = null`);
    expect(await check()).toEqual({ status: 'ok', database: h.driver, tz: process.versions.tz });
  });
});
