// Token buckets per caller. Pushes per site key are limited in the database (rate_buckets), so
// that every instance draws from one allowance and adding an instance does not double a site's
// rate; the sign-in limit stays in memory, per instance (its buckets are per client address and
// user, many and short-lived). Pushing faster than the limit gets 429 with Retry-After, which the
// push client honours.
import type { Db } from '@/db/client';
import { secondsUntilToken, takeBucketToken } from '@/db/queries/rate-limits';

export type RateLimit = { perMinute: number; burst: number };

type Bucket = { tokens: number; updated: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`: null when allowed, else the seconds to wait before retrying. */
  take(key: string): number | null {
    const now = this.now();
    const ratePerMs = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, updated: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.updated) * ratePerMs);
    bucket.updated = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    if (this.buckets.size > 10_000) this.sweep(now);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
  }

  /** Gives back the token a call took, when that call should not have counted (a sign-in that succeeded). */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.limit.burst, bucket.tokens + 1);
  }

  /** Forgets full buckets, so that memory stays bounded by the active callers. */
  private sweep(now: number) {
    const ratePerMs = this.limit.perMinute / 60_000;
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.updated) * ratePerMs >= this.limit.burst) this.buckets.delete(key);
    }
  }
}

export function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * Token buckets kept in PostgreSQL (or PGlite), one row per caller: one atomic statement per take,
 * judged by the database's clock (one clock for every instance) unless a test passes its own. The
 * rows are as many as the callers (site keys): nothing to sweep.
 */
export class SharedRateLimiter {
  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => Date | null = () => null,
  ) {}

  /** Takes one token for `key`: null when allowed, else the seconds to wait before retrying. */
  async take(db: Db, key: string): Promise<number | null> {
    const at = { key, limit: this.limit, now: this.now() };
    if (await takeBucketToken(db, at)) return null;
    return secondsUntilToken(db, at);
  }
}

/** Pushes per site key: VIGIE_PUSH_RATE_PER_MINUTE (default 600) with a burst of VIGIE_PUSH_BURST (60), across instances. */
export const pushLimiter = new SharedRateLimiter({
  perMinute: positive(process.env.VIGIE_PUSH_RATE_PER_MINUTE, 600),
  burst: positive(process.env.VIGIE_PUSH_BURST, 60),
});
