// Every page, as each role sees it, checked by axe-core against WCAG 2.1 A and AA: no serious or
// critical violation. (Minor and moderate ones are printed, so they can be seen and weighed.)
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, signIn } from './browser';

const HQ_PAGES = [
  '/',
  '/sites/CAS',
  '/missions',
  '/reports',
  '/qa',
  '/qa/calibration',
  '/qa/forms',
  '/alerts',
  '/statements',
  '/sites/CAS/statement',
  '/settings/targets',
  '/settings/alerts',
  '/settings/sites',
  '/settings/users',
  '/settings/keys',
  '/settings/tokens',
  '/settings/digests',
  '/settings/outbox',
  '/settings/audit',
  '/settings/contracts',
];
const LEAD_PAGES = ['/', '/sites/TUN', '/sites/TUN/statement', '/reports', '/upload', '/qa', '/missions', '/alerts'];

const browser = browserForFile();

/** Waits until the page's data has arrived: no busy region, no skeleton. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .animate-pulse'), undefined, { timeout: 30_000 });
}

async function seriousViolations(page: Page, path: string): Promise<string[]> {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  await settle(page);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const lesser = violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (lesser.length) console.log(`${path}: ${lesser.map((v) => `${v.impact} ${v.id} ×${v.nodes.length}`).join(', ')}`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${path}: ${v.impact} ${v.id} — ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
}

describe('accessibility', () => {
  it('has no serious violation on the login page', async () => {
    const page = await (await browser().newContext({ baseURL: (await import('./browser')).baseUrl() })).newPage();
    expect(await seriousViolations(page, '/login')).toEqual([]);
    await page.context().close();
  });

  it('has no serious violation on any page an admin sees', async () => {
    const page = await signIn(browser(), 'admin@demo.vigie');
    const found: string[] = [];
    for (const path of HQ_PAGES) found.push(...(await seriousViolations(page, path)));
    // And one detail page of each kind, reached as a person would, from its list.
    for (const [list, detail] of [
      ['/missions', 'a[href^="/missions/"]'],
      ['/qa', 'a[href^="/qa/evaluations/"]'],
      ['/qa/forms', 'a[href^="/qa/forms/"]'],
    ] as const) {
      await page.goto(list);
      await settle(page);
      const href = await page.locator(detail).first().getAttribute('href');
      expect(href, `a link from ${list}`).toBeTruthy();
      found.push(...(await seriousViolations(page, href!)));
    }
    await page.context().close();
    expect(found).toEqual([]);
  }, 240_000);

  it('has no serious violation on the pages of a site lead', async () => {
    const page = await signIn(browser(), 'lead.tun@demo.vigie');
    const found: string[] = [];
    for (const path of LEAD_PAGES) found.push(...(await seriousViolations(page, path)));
    await page.context().close();
    expect(found).toEqual([]);
  }, 180_000);
});
