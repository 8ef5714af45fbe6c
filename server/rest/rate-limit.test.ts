import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { RateLimiter, SharedRateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst, then refuses with the seconds to wait, then refills at the rate', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 3 }, () => now);
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([null, null, null]);
    expect(limiter.take('k')).toBe(1); // one token a second
    now += 1000;
    expect(limiter.take('k')).toBeNull();
    expect(limiter.take('k')).toBe(1);
  });

  it('keeps callers apart', () => {
    const limiter = new RateLimiter({ perMinute: 1, burst: 1 }, () => 0);
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBe(60);
    expect(limiter.take('b')).toBeNull();
  });

  it('never refills above the burst', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 600, burst: 2 }, () => now);
    now += 3_600_000;
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([null, null, 1]);
  });
});

// The shared push limit, on a real database (PGlite, and PostgreSQL with TEST_DATABASE_URL).
describe('SharedRateLimiter', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(() => h.close());

  it('allows a burst, then refuses with the seconds to wait, then refills at the rate, never above the burst', async () => {
    let now = new Date('2026-11-02T10:00:00Z');
    const limiter = new SharedRateLimiter({ perMinute: 60, burst: 3 }, () => now);
    const take = () => limiter.take(h.db, 'k');
    expect([await take(), await take(), await take()]).toEqual([null, null, null]);
    expect(await take()).toBe(1); // one token a second
    now = new Date(now.getTime() + 1000);
    expect(await take()).toBeNull();
    expect(await take()).toBe(1);
    now = new Date(now.getTime() + 3_600_000);
    expect([await take(), await take(), await take(), await take()]).toEqual([null, null, null, 1]);
  });

  it('keeps callers apart and says how long to wait at a slow rate', async () => {
    const limiter = new SharedRateLimiter({ perMinute: 1, burst: 1 }, () => new Date('2026-11-02T10:00:00Z'));
    expect(await limiter.take(h.db, 'a')).toBeNull();
    expect(await limiter.take(h.db, 'a')).toBe(60);
    expect(await limiter.take(h.db, 'b')).toBeNull();
  });

  it('grants a burst exactly once when takes race, on the database clock', async () => {
    const limiter = new SharedRateLimiter({ perMinute: 0.001, burst: 5 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => limiter.take(h.db, 'race')));
    expect(answers.filter((a) => a === null)).toHaveLength(5);
  });

  // PGlite's data directory belongs to one process (db/lock.ts): two instances exist only on a
  // PostgreSQL server, which this case needs.
  it.runIf(process.env.TEST_DATABASE_URL)('shares one allowance between two instances (two handles on one PostgreSQL)', async () => {
    const other = await openDatabase({ driver: 'postgres', url: h.url!, max: 2 });
    try {
      const limiter = new SharedRateLimiter({ perMinute: 0.001, burst: 10 });
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => limiter.take(i % 2 ? other.db : h.db, 'site_key:shared')));
      expect(answers.filter((a) => a === null)).toHaveLength(10);
      expect(await limiter.take(other.db, 'site_key:shared')).toBeGreaterThan(0);
      expect(await limiter.take(h.db, 'site_key:shared')).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});
