// Site keys may push at most so fast, across every instance (server/rest/rate-limit.ts); past
// that, 429 with Retry-After.
import { TRPCError } from '@trpc/server';
import { pushLimiter } from '@/server/rest/rate-limit';
import { middleware } from '@/server/trpc/init';

export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many pushes: retry in ${retryAfterSeconds} s`);
    this.name = 'RateLimitedError';
  }
}

export const pushRateLimit = middleware(async ({ ctx, next }) => {
  if (ctx.principal.kind === 'site_key') {
    const wait = await pushLimiter.take(ctx.db, `site_key:${ctx.principal.keyId}`);
    if (wait !== null) {
      const cause = new RateLimitedError(wait);
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: cause.message, cause });
    }
  }
  return next();
});
