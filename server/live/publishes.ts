// The hook of a write procedure that changes what a site's wallboard shows (calls pushed or
// uploaded, a queue status): once the procedure has committed and answered, the caller's site is
// published on the live bus. A refused or failed write publishes nothing.
import { middleware } from '@/server/trpc/init';
import { publishSiteChange } from './bus';

export const publishesSiteChange = middleware(async ({ ctx, next }) => {
  const result = await next();
  const p = ctx.principal;
  const siteId = p.kind === 'site_key' ? p.siteId : p.kind === 'user' ? p.siteId : null;
  if (result.ok && siteId !== null) publishSiteChange(siteId);
  return result;
});
