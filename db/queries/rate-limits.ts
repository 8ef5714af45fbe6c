// Token buckets in rate_buckets, shared by every server instance: taking a token is one atomic
// statement (an upsert whose update applies only when a token is there), so two instances or two
// requests at once never grant the same token twice.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { rateBuckets } from '../schema';
import { rowsOf } from '../client';

export type BucketLimit = { perMinute: number; burst: number };

/** The instant a bucket is judged at: a given one (tests), else the database's clock. */
function instant(now: Date | null) {
  return now ? sql`${now.toISOString()}::timestamptz` : sql`clock_timestamp()`;
}

/**
 * Takes one token from `key`'s bucket: refilled at perMinute since its last take, never above
 * burst, a new bucket starting full. Answers true when a token was taken. A refusal writes
 * nothing (the refill is a function of the stored tokens and instant, so it is not lost).
 */
export async function takeBucketToken(db: Db, args: { key: string; limit: BucketLimit; now: Date | null }): Promise<boolean> {
  const perSecond = args.limit.perMinute / 60;
  const burst = args.limit.burst;
  const refilled = sql`least(${burst}::float8, rate_buckets.tokens + greatest(0, extract(epoch from (excluded.updated_at - rate_buckets.updated_at)))::float8 * ${perSecond}::float8)`;
  const result = await db.execute(sql`
    insert into rate_buckets (key, tokens, updated_at)
    values (${args.key}, ${burst}::float8 - 1, ${instant(args.now)})
    on conflict (key) do update
      set tokens = ${refilled} - 1,
          updated_at = greatest(rate_buckets.updated_at, excluded.updated_at)
      where ${refilled} >= 1
    returning tokens`);
  return rowsOf(result).length > 0;
}

/** Seconds until `key`'s bucket holds a whole token again (at least 1), as of `now`. */
export async function secondsUntilToken(db: Db, args: { key: string; limit: BucketLimit; now: Date | null }): Promise<number> {
  const perSecond = args.limit.perMinute / 60;
  const [row] = await db
    .select({
      tokens: sql<number>`least(${args.limit.burst}::float8, ${rateBuckets.tokens} + greatest(0, extract(epoch from (${instant(args.now)} - ${rateBuckets.updatedAt})))::float8 * ${perSecond}::float8)`.mapWith(Number),
    })
    .from(rateBuckets)
    .where(eq(rateBuckets.key, args.key));
  const tokens = row?.tokens ?? args.limit.burst;
  return Math.max(1, Math.ceil((1 - tokens) / perSecond));
}
