import { chromium, type Page } from 'playwright-core';
const base = 'http://localhost:3103';
const out = '/tmp/qa-shots';
const pages = process.argv.slice(3);
const who = process.argv[2] ?? 'hq@demo.vigie';

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .animate-pulse'), undefined, { timeout: 60_000 }).catch(() => {});
  await page.waitForTimeout(500);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()); });
await page.goto('/login');
await page.getByLabel(/e-?mail/i).fill(who);
await page.getByLabel(/password|mot de passe/i).fill('vigie-demo');
await page.getByRole('button', { name: /sign in|se connecter/i }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
for (const [i, p] of pages.entries()) {
  const res = await page.goto(p);
  await settle(page);
  const name = `${out}/${who.split('@')[0]}-${i}.png`;
  await page.screenshot({ path: name, fullPage: true });
  console.log(p, res?.status(), name);
}
await browser.close();
