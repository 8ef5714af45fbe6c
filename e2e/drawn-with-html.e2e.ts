// The dashboards come drawn with their HTML: every query a page's sections ask for is fetched while
// the server renders it (server/trpc/rsc.tsx), under the same key, so the browser makes no tRPC
// request while the page loads. A section added without its server-side fetch is drawn only after
// a round trip once the scripts have run (the overview's cost column and the site page's coaching
// section once were, a second later than the rest): this test names the procedure it asked for.
// And the browser draws what the server drew: an error while hydrating (React discarding the HTML
// over a difference, as a chart's label once wrapped differently) fails it too.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, signIn, WAIT } from './browser';

const browser = browserForFile();

/** The tRPC procedures the browser asked for while `path` loaded and settled, and the page's errors. */
async function requestsWhileLoading(page: Page, path: string): Promise<{ asked: string[]; errors: string[] }> {
  const asked: string[] = [];
  const errors: string[] = [];
  const failed = (error: Error) => errors.push(error.message.slice(0, 200));
  const listen = (request: { url(): string }) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/trpc/')) asked.push(...url.pathname.slice('/api/trpc/'.length).split(','));
  };
  page.on('request', listen);
  page.on('pageerror', failed);
  try {
    await page.goto(path);
    await page.getByRole('main').locator('section').first().waitFor(WAIT);
    await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), undefined, WAIT);
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('request', listen);
    page.off('pageerror', failed);
  }
  return { asked, errors };
}

describe('pages drawn with their HTML', () => {
  it('draws as the server drew and asks nothing of it while HQ opens the overview and a site page, over a range and today', { timeout: 180_000 }, async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    for (const path of ['/', '/?range=today', '/sites/CAS', '/sites/CAS?range=today', '/sites/TUN/agents']) {
      expect({ path, ...(await requestsWhileLoading(page, path)) }).toEqual({ path, asked: [], errors: [] });
    }
    // The sections are there, with figures, not placeholders.
    await page.goto('/');
    expect(await page.getByRole('table').first().locator('tbody tr').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('draws as the server drew and asks nothing either while a site lead opens their overview and site page', { timeout: 120_000 }, async () => {
    const page = await signIn(browser(), 'lead.tun@demo.vigie');
    for (const path of ['/', '/sites/TUN', '/sites/TUN?range=today']) {
      expect({ path, ...(await requestsWhileLoading(page, path)) }).toEqual({ path, asked: [], errors: [] });
    }
    await page.context().close();
  });
});
