import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

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
