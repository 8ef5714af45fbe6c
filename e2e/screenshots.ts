// Screenshots of the overview and a site page in English and French, for the README:
//   npx tsx e2e/screenshots.ts [base URL, default http://localhost:3000] [site code, default TUN]
// against a running server with the demo network; they land in docs/screenshots (SHOT_DIR
// overrides). Signs in as hq@demo.vigie, switches the language through the user menu, and puts
// the account's language back as it found it. In English it also takes docs/contracts.md's two:
// Port Louis's statement of the last full month (the demo's site that missed its weekly service
// level twice that month) and the overview's cost-versus-quality card (DOCS_DIR overrides docs/).
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';

const baseURL = process.argv[2] ?? process.env.VIGIE_URL ?? 'http://localhost:3000';
const siteCode = (process.argv[3] ?? 'TUN').toUpperCase();
const password = process.env.VIGIE_DEMO_PASSWORD || 'vigie-demo';
const outDir = process.env.SHOT_DIR ? path.resolve(process.env.SHOT_DIR) : path.resolve('docs/screenshots');
const docsDir = process.env.DOCS_DIR ? path.resolve(process.env.DOCS_DIR) : path.resolve('docs');
/** The demo's site whose last full month has a missed term and its penalty (server/seed/demo-days.ts). */
const STATEMENT_SITE = 'MRU';

/** The month before the current one (YYYY-MM): the demo's last full month. */
function previousMonth(now = new Date()): string {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return first.toISOString().slice(0, 7);
}

async function currentLocale(page: Page): Promise<'en' | 'fr'> {
  return (await page.locator('html').getAttribute('lang')) === 'fr' ? 'fr' : 'en';
}

async function switchLocale(page: Page, locale: 'en' | 'fr') {
  if ((await currentLocale(page)) === locale) return;
  await page.locator('header button[aria-controls]').click();
  await page.getByRole('button', { name: locale.toUpperCase(), exact: true }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
  await page.keyboard.press('Escape');
}

/** Waits until the page's data has arrived: no skeleton, no busy region, charts drawn. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .animate-pulse'), undefined, { timeout: 60_000 });
  await page.waitForTimeout(600);
}

/** The contracts documentation's pictures: a statement with a missed term, and cost against quality. */
async function docsShots(page: Page) {
  await page.goto(`/sites/${STATEMENT_SITE}/statement?month=${previousMonth()}`);
  await settle(page);
  const height = Math.min(2400, await page.evaluate(() => document.documentElement.scrollHeight));
  await page.screenshot({ path: path.join(docsDir, 'statement.png'), fullPage: true, clip: { x: 0, y: 0, width: 1440, height } });

  await page.goto('/?range=last_30_days');
  await settle(page);
  const card = page.locator('section[aria-labelledby="cost-title"]');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(docsDir, 'cost-vs-quality.png') });
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel(/e-?mail/i).fill('hq@demo.vigie');
    await page.getByLabel(/password|mot de passe/i).fill(password);
    await page.getByRole('button', { name: /sign in|se connecter/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const original = await currentLocale(page);

    for (const locale of ['en', 'fr'] as const) {
      await page.goto('/?range=last_30_days');
      await switchLocale(page, locale);
      await page.goto('/?range=last_30_days');
      await settle(page);
      await page.screenshot({ path: path.join(outDir, `overview-${locale}.png`), fullPage: true });
      await page.goto(`/sites/${siteCode}?range=last_30_days`);
      await settle(page);
      // The site page grows with every section; its first screens carry the story.
      const height = Math.min(2000, await page.evaluate(() => document.documentElement.scrollHeight));
      await page.screenshot({ path: path.join(outDir, `site-${locale}.png`), fullPage: true, clip: { x: 0, y: 0, width: 1440, height } });
      if (locale === 'en') await docsShots(page);
      console.log(`screenshots in ${locale} saved`);
    }
    await switchLocale(page, original);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
